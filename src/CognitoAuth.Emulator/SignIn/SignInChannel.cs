namespace CognitoAuth.Emulator.SignIn;

/// <summary>How a sign-in reaches the engine, which decides how the app client proves itself.</summary>
internal enum SignInChannel
{
    /// <summary>The JSON API: a client with a secret sends <c>SECRET_HASH</c> with every step.</summary>
    Api,

    /// <summary>The managed login in a browser, which holds no secret: the client proves itself when it redeems the code.</summary>
    ManagedLogin,
}
