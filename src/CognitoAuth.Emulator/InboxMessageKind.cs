namespace CognitoAuth.Emulator;

/// <summary>Why Cognito sent an <see cref="InboxMessage"/>.</summary>
public enum InboxMessageKind
{
    /// <summary>SignUp or ResendConfirmationCode: the code ConfirmSignUp takes.</summary>
    SignUpConfirmation,

    /// <summary>AdminCreateUser without <c>MessageAction=SUPPRESS</c>: the temporary password.</summary>
    TemporaryPassword,

    /// <summary>ForgotPassword or AdminResetUserPassword: the code ConfirmForgotPassword takes.</summary>
    PasswordReset,
}
