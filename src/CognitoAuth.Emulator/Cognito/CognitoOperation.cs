using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Cognito.Operations;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.SignIn;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// One operation of the endpoint: its name, whether AWS requires SigV4 for it, its input and output shapes, and how to run
/// it on a JSON body (asynchronously, cancelled with the request: a step may call out, e.g. to a Lambda trigger).
/// </summary>
internal sealed record CognitoOperation(string Name, bool RequiresSignature, Type RequestType, Type ResponseType, Func<byte[], CancellationToken, Task<byte[]>> Invoke)
{
    /// <summary>
    /// The operations the emulator serves: its dispatch table (docs/EMULATOR.md lists it, and a test keeps the two
    /// equal). As in botocore's model, every operation is SigV4-signed except those marked <c>auth: none</c> there
    /// (sign-in, sign-up, confirmation, password reset and the access-token operations).
    /// </summary>
    public static IReadOnlyDictionary<string, CognitoOperation> All(PoolDirectory directory, string region) => All(directory, new SignInEngine(directory), region);

    /// <inheritdoc cref="All(PoolDirectory, string)"/>
    public static IReadOnlyDictionary<string, CognitoOperation> All(PoolDirectory directory, SignInEngine engine, string region)
    {
        var admin = new UserAdministration(directory);
        var auth = new Authentication(directory, engine);
        var revocation = new TokenRevocation(directory);
        var refresh = new TokenRefresh(directory);
        var softwareTokens = new SoftwareTokens(directory, engine);
        var mfa = new MfaConfiguration(directory);
        var pools = new PoolAdministration(directory, region);
        var clients = new ClientAdministration(directory);
        var domains = new DomainAdministration(directory);
        var self = new SelfService(directory);
        var groups = new GroupAdministration(directory);
        var devices = new Devices(directory);
        var json = CognitoJsonContext.Default;
        CognitoOperation[] operations =
        [
            // Pools, app clients, domains and resource servers.
            Define("CreateUserPool", signed: true, json.CreateUserPoolRequest, json.CreateUserPoolResponse, pools.CreateUserPool),
            Define("DescribeUserPool", signed: true, json.DescribeUserPoolRequest, json.DescribeUserPoolResponse, pools.DescribeUserPool),
            Define("ListUserPools", signed: true, json.ListUserPoolsRequest, json.ListUserPoolsResponse, pools.ListUserPools),
            Define("UpdateUserPool", signed: true, json.UpdateUserPoolRequest, json.EmptyResponse, pools.UpdateUserPool),
            Define("DeleteUserPool", signed: true, json.DescribeUserPoolRequest, json.EmptyResponse, pools.DeleteUserPool),
            Define("CreateUserPoolClient", signed: true, json.CreateUserPoolClientRequest, json.CreateUserPoolClientResponse, clients.CreateUserPoolClient),
            Define("DescribeUserPoolClient", signed: true, json.DescribeUserPoolClientRequest, json.DescribeUserPoolClientResponse, clients.DescribeUserPoolClient),
            Define("ListUserPoolClients", signed: true, json.ListUserPoolClientsRequest, json.ListUserPoolClientsResponse, clients.ListUserPoolClients),
            Define("UpdateUserPoolClient", signed: true, json.UpdateUserPoolClientRequest, json.UpdateUserPoolClientResponse, clients.UpdateUserPoolClient),
            Define("DeleteUserPoolClient", signed: true, json.DescribeUserPoolClientRequest, json.EmptyResponse, clients.DeleteUserPoolClient),
            Define("CreateUserPoolDomain", signed: true, json.CreateUserPoolDomainRequest, json.CreateUserPoolDomainResponse, domains.CreateUserPoolDomain),
            Define("DescribeUserPoolDomain", signed: true, json.DescribeUserPoolDomainRequest, json.DescribeUserPoolDomainResponse, domains.DescribeUserPoolDomain),
            Define("DeleteUserPoolDomain", signed: true, json.DeleteUserPoolDomainRequest, json.EmptyResponse, domains.DeleteUserPoolDomain),
            Define("CreateResourceServer", signed: true, json.CreateResourceServerRequest, json.CreateResourceServerResponse, domains.CreateResourceServer),
            Define("DescribeResourceServer", signed: true, json.DescribeResourceServerRequest, json.DescribeResourceServerResponse, domains.DescribeResourceServer),
            Define("ListResourceServers", signed: true, json.ListResourceServersRequest, json.ListResourceServersResponse, domains.ListResourceServers),
            Define("UpdateResourceServer", signed: true, json.CreateResourceServerRequest, json.UpdateResourceServerResponse, domains.UpdateResourceServer),
            Define("DeleteResourceServer", signed: true, json.DescribeResourceServerRequest, json.EmptyResponse, domains.DeleteResourceServer),
            Define("SetUserPoolMfaConfig", signed: true, json.SetUserPoolMfaConfigRequest, json.UserPoolMfaConfigResponse, mfa.SetUserPoolMfaConfig),
            Define("GetUserPoolMfaConfig", signed: true, json.GetUserPoolMfaConfigRequest, json.UserPoolMfaConfigResponse, mfa.GetUserPoolMfaConfig),

            // Users, by an administrator.
            Define("AdminCreateUser", signed: true, json.AdminCreateUserRequest, json.AdminCreateUserResponse, admin.AdminCreateUser),
            Define("AdminSetUserPassword", signed: true, json.AdminSetUserPasswordRequest, json.EmptyResponse, admin.AdminSetUserPassword),
            Define("AdminGetUser", signed: true, json.AdminUserRequest, json.AdminGetUserResponse, admin.AdminGetUser),
            Define("AdminDisableUser", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminDisableUser),
            Define("AdminEnableUser", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminEnableUser),
            Define("AdminDeleteUser", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminDeleteUser),
            Define("AdminUpdateUserAttributes", signed: true, json.AdminUpdateUserAttributesRequest, json.EmptyResponse, admin.AdminUpdateUserAttributes),
            Define("AdminDeleteUserAttributes", signed: true, json.AdminDeleteUserAttributesRequest, json.EmptyResponse, admin.AdminDeleteUserAttributes),
            Define("AdminConfirmSignUp", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminConfirmSignUp),
            Define("AdminResetUserPassword", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminResetUserPassword),
            Define("AdminUserGlobalSignOut", signed: true, json.AdminUserRequest, json.EmptyResponse, admin.AdminUserGlobalSignOut),
            Define("ListUsers", signed: true, json.ListUsersRequest, json.ListUsersResponse, admin.ListUsers),
            Define("AdminSetUserMFAPreference", signed: true, json.AdminSetUserMFAPreferenceRequest, json.EmptyResponse, softwareTokens.AdminSetUserMFAPreference),

            // Groups.
            Define("CreateGroup", signed: true, json.CreateGroupRequest, json.CreateGroupResponse, groups.CreateGroup),
            Define("GetGroup", signed: true, json.GetGroupRequest, json.GetGroupResponse, groups.GetGroup),
            Define("ListGroups", signed: true, json.ListGroupsRequest, json.ListGroupsResponse, groups.ListGroups),
            Define("UpdateGroup", signed: true, json.UpdateGroupRequest, json.UpdateGroupResponse, groups.UpdateGroup),
            Define("DeleteGroup", signed: true, json.GetGroupRequest, json.EmptyResponse, groups.DeleteGroup),
            Define("AdminAddUserToGroup", signed: true, json.AdminAddUserToGroupRequest, json.EmptyResponse, groups.AdminAddUserToGroup),
            Define("AdminRemoveUserFromGroup", signed: true, json.AdminAddUserToGroupRequest, json.EmptyResponse, groups.AdminRemoveUserFromGroup),
            Define("AdminListGroupsForUser", signed: true, json.AdminListGroupsForUserRequest, json.AdminListGroupsForUserResponse, groups.AdminListGroupsForUser),
            Define("ListUsersInGroup", signed: true, json.ListUsersInGroupRequest, json.ListUsersInGroupResponse, groups.ListUsersInGroup),

            // Sign-in.
            Define("AdminInitiateAuth", signed: true, json.InitiateAuthRequest, json.AuthFlowResponse, auth.AdminInitiateAuthAsync),
            Define("AdminRespondToAuthChallenge", signed: true, json.RespondToAuthChallengeRequest, json.AuthFlowResponse, auth.AdminRespondToAuthChallengeAsync),
            Define("InitiateAuth", signed: false, json.InitiateAuthRequest, json.AuthFlowResponse, auth.InitiateAuthAsync),
            Define("RespondToAuthChallenge", signed: false, json.RespondToAuthChallengeRequest, json.AuthFlowResponse, auth.RespondToAuthChallengeAsync),
            Define("GetTokensFromRefreshToken", signed: false, json.GetTokensFromRefreshTokenRequest, json.GetTokensFromRefreshTokenResponse, refresh.GetTokensFromRefreshTokenAsync),
            Define("RevokeToken", signed: false, json.RevokeTokenRequest, json.EmptyResponse, revocation.RevokeToken),
            Define("GlobalSignOut", signed: false, json.GlobalSignOutRequest, json.EmptyResponse, revocation.GlobalSignOut),

            // MFA with software tokens (TOTP).
            Define("AssociateSoftwareToken", signed: false, json.AssociateSoftwareTokenRequest, json.AssociateSoftwareTokenResponse, softwareTokens.AssociateSoftwareToken),
            Define("VerifySoftwareToken", signed: false, json.VerifySoftwareTokenRequest, json.VerifySoftwareTokenResponse, softwareTokens.VerifySoftwareToken),
            Define("SetUserMFAPreference", signed: false, json.SetUserMFAPreferenceRequest, json.EmptyResponse, softwareTokens.SetUserMFAPreference),

            // Remembered devices.
            Define("ConfirmDevice", signed: false, json.ConfirmDeviceRequest, json.ConfirmDeviceResponse, devices.ConfirmDevice),
            Define("GetDevice", signed: false, json.GetDeviceRequest, json.GetDeviceResponse, devices.GetDevice),
            Define("ListDevices", signed: false, json.ListDevicesRequest, json.ListDevicesResponse, devices.ListDevices),
            Define("ForgetDevice", signed: false, json.ForgetDeviceRequest, json.EmptyResponse, devices.ForgetDevice),
            Define("UpdateDeviceStatus", signed: false, json.UpdateDeviceStatusRequest, json.EmptyResponse, devices.UpdateDeviceStatus),
            Define("AdminGetDevice", signed: true, json.AdminDeviceRequest, json.GetDeviceResponse, devices.AdminGetDevice),
            Define("AdminListDevices", signed: true, json.AdminListDevicesRequest, json.ListDevicesResponse, devices.AdminListDevices),
            Define("AdminForgetDevice", signed: true, json.AdminDeviceRequest, json.EmptyResponse, devices.AdminForgetDevice),
            Define("AdminUpdateDeviceStatus", signed: true, json.AdminUpdateDeviceStatusRequest, json.EmptyResponse, devices.AdminUpdateDeviceStatus),

            // Self-service.
            Define("SignUp", signed: false, json.SignUpRequest, json.SignUpResponse, self.SignUpAsync),
            Define("ConfirmSignUp", signed: false, json.ConfirmSignUpRequest, json.ConfirmSignUpResponse, self.ConfirmSignUp),
            Define("ResendConfirmationCode", signed: false, json.ResendConfirmationCodeRequest, json.ResendConfirmationCodeResponse, self.ResendConfirmationCode),
            Define("ForgotPassword", signed: false, json.ForgotPasswordRequest, json.ForgotPasswordResponse, self.ForgotPassword),
            Define("ConfirmForgotPassword", signed: false, json.ConfirmForgotPasswordRequest, json.EmptyResponse, self.ConfirmForgotPassword),
            Define("ChangePassword", signed: false, json.ChangePasswordRequest, json.EmptyResponse, self.ChangePassword),
            Define("GetUser", signed: false, json.GetUserRequest, json.GetUserResponse, self.GetUser),
            Define("UpdateUserAttributes", signed: false, json.UpdateUserAttributesRequest, json.UpdateUserAttributesResponse, self.UpdateUserAttributes),
            Define("DeleteUser", signed: false, json.GetUserRequest, json.EmptyResponse, self.DeleteUser),
        ];
        return operations.ToDictionary(o => o.Name, StringComparer.Ordinal);
    }

    /// <summary>An operation that decides at once, under the directory's lock, and calls nothing out.</summary>
    private static CognitoOperation Define<TRequest, TResponse>(
        string name, bool signed, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Func<TRequest, TResponse> handler) =>
        new(name, signed, typeof(TRequest), typeof(TResponse), (body, _) => Task.FromResult(JsonSerializer.SerializeToUtf8Bytes(handler(Read(body, requestType)), responseType)));

    /// <summary>An operation whose steps may await (the sign-in engine's, with their trigger places).</summary>
    private static CognitoOperation Define<TRequest, TResponse>(
        string name, bool signed, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, Func<TRequest, CancellationToken, Task<TResponse>> handler) =>
        new(name, signed, typeof(TRequest), typeof(TResponse), async (body, cancellationToken) =>
            JsonSerializer.SerializeToUtf8Bytes(await handler(Read(body, requestType), cancellationToken).ConfigureAwait(false), responseType));

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
