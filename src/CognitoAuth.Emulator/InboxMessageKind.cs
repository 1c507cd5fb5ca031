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

    /// <summary>
    /// A sign-in: the one-time code of an <c>EMAIL_OTP</c> or <c>SMS_OTP</c> first factor (<c>USER_AUTH</c>), or of an
    /// <c>SMS_MFA</c> or e-mail (<c>EMAIL_OTP</c>) second factor, which RespondToAuthChallenge takes.
    /// </summary>
    Authentication,
}
