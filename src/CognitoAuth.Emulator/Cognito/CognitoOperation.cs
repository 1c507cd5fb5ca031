using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Cognito.Operations;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>One operation of the endpoint: its name, whether AWS requires SigV4 for it, and how to run it on a JSON body.</summary>
internal sealed record CognitoOperation(string Name, bool RequiresSignature, Func<byte[], byte[]> Invoke)
{
    /// <summary>
    /// The operations the emulator serves. As in botocore's model, every <c>Admin*</c> operation is signed;
    /// InitiateAuth, RespondToAuthChallenge, RevokeToken and GlobalSignOut are public.
    /// </summary>
    public static IReadOnlyDictionary<string, CognitoOperation> All(UserAdministration admin, Authentication auth, TokenRevocation revocation)
    {
        var json = CognitoJsonContext.Default;
        CognitoOperation[] operations =
        [
            Define("AdminCreateUser", signed: true, json.AdminCreateUserRequest, json.AdminCreateUserResponse, admin.AdminCreateUser),
            Define("AdminSetUserPassword", signed: true, json.AdminSetUserPasswordRequest, json.EmptyResponse, admin.AdminSetUserPassword),
            Define("AdminGetUser", signed: true, json.AdminUserRequest, json.AdminGetUserResponse, admin.AdminGetUser),
            Define("AdminDisableUser", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminDisableUser),
            Define("AdminEnableUser", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminEnableUser),
            Define("AdminDeleteUser", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminDeleteUser),
            Define("AdminInitiateAuth", signed: true, json.InitiateAuthRequest, json.AuthFlowResponse, auth.AdminInitiateAuth),
            Define("AdminRespondToAuthChallenge", signed: true, json.RespondToAuthChallengeRequest, json.AuthFlowResponse, auth.AdminRespondToAuthChallenge),
            Define("InitiateAuth", signed: false, json.InitiateAuthRequest, json.AuthFlowResponse, auth.InitiateAuth),
            Define("RespondToAuthChallenge", signed: false, json.RespondToAuthChallengeRequest, json.AuthFlowResponse, auth.RespondToAuthChallenge),
            Define("RevokeToken", signed: false, json.RevokeTokenRequest, json.EmptyResponse, revocation.RevokeToken),
            Define("GlobalSignOut", signed: false, json.GlobalSignOutRequest, json.EmptyResponse, revocation.GlobalSignOut),
        ];
        return operations.ToDictionary(o => o.Name, StringComparer.Ordinal);
    }

    private static CognitoOperation Define<TRequest, TResponse>(
        string name, bool signed, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Func<TRequest, TResponse> handler) =>
        new(name, signed, body => JsonSerializer.SerializeToUtf8Bytes(handler(Read(body, requestType)), responseType));

    private static T Read<T>(byte[] body, JsonTypeInfo<T> type)
    {
        try
        {
            // An empty body reads as an empty object: the model's validation then names what is missing.
            return JsonSerializer.Deserialize(body.Length == 0 ? "{}"u8 : body, type) ?? throw ProtocolErrors.MalformedJson();
        }
        catch (JsonException)
        {
            throw ProtocolErrors.MalformedJson();
        }
    }
}
