using Amazon.Runtime;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.Reference;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Testing.Emulated;

/// <summary>
/// Points CognitoAuth.Client at an in-process emulator the way a user points it at any Cognito endpoint: its ServiceUrl,
/// pool, app client and API, as the seed user, admin calls signed with the emulator's local credentials.
/// </summary>
internal static class EmulatorClient
{
    /// <summary>The emulator's endpoint, pool, app client and API, and the seed user with its temporary and new password.</summary>
    public static void UseEmulator(this CognitoApiClientOptions options, CognitoEmulator emulator)
    {
        var seed = ReferenceStack.TestUser;
        options.UserPoolId = emulator.UserPoolId;
        options.ClientId = emulator.ClientId;
        options.ServiceUrl = emulator.CognitoEndpoint;
        options.ApiBaseAddress = emulator.ApiUrl;
        options.Username = seed.Username;
        options.Password = seed.TemporaryPassword;
        options.NewPassword = seed.NewPassword;
    }

    /// <summary>Registers the emulator's local credentials, which the admin operations are signed with.</summary>
    public static IServiceCollection AddEmulatorCredentials(this IServiceCollection services, CognitoEmulator emulator) =>
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(emulator.Credentials.AccessKeyId, emulator.Credentials.SecretAccessKey));
}
