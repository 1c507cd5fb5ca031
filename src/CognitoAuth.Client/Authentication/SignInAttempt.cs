using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// One sign-in in progress: the client's options snapshot, the password it tries, and what its flow and challenge responders
/// learn on the way. Lives for one sign-in, on one logical thread; never shared.
/// </summary>
internal sealed class SignInAttempt(CognitoClientContext client, string? password, SignInMemory memory, Action<SignInMemory> remember)
{
    private Dictionary<Type, object>? _state;
    private SignInMemory _memory = memory;

    public CognitoClientContext Client { get; } = client;

    /// <summary>The password this attempt signs in with (<see langword="null"/> for flows without one); a new-password answer replaces it.</summary>
    public string? Password { get; set; } = password;

    /// <summary>The user as Cognito names it: the configured name until a challenge gives Cognito's own (<c>USER_ID_FOR_SRP</c>).</summary>
    public string Username { get; set; } = client.Username;

    /// <summary>What is known of the user; setting it keeps the new value for later sign-ins at once, whether or not this one succeeds.</summary>
    public SignInMemory Memory
    {
        get => _memory;
        set
        {
            _memory = value;
            remember(value);
        }
    }

    /// <summary>State a flow hands to its challenge responders (e.g. the SRP ephemeral key), one value per type.</summary>
    public T? Get<T>()
        where T : class => _state?.GetValueOrDefault(typeof(T)) as T;

    public void Set<T>(T value)
        where T : class => (_state ??= [])[typeof(T)] = value;
}
