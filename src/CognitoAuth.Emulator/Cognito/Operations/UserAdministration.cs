using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The admin user operations: AdminCreateUser, AdminSetUserPassword, AdminGetUser, AdminDisableUser,
/// AdminEnableUser and AdminDeleteUser, for a pool that signs in with email as username: a created user's real
/// username is a UUID (its <c>sub</c>) and the email an attribute; every operation finds a user by either.
/// </summary>
internal sealed partial class UserAdministration(UserPool pool)
{
    private static readonly string[] MessageActions = ["RESEND", "SUPPRESS"];

    public AdminCreateUserResponse AdminCreateUser(AdminCreateUserRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .MinLength("username", request.Username, 1)
            .OneOf("messageAction", request.MessageAction, MessageActions)
            .ThrowIfInvalid();

        var attributes = (request.UserAttributes ?? [])
            .Where(a => a.Name is not null && a.Name != "email")
            .Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))
            .ToList();
        UserAttributes.EnsureWritable(attributes.Select(a => a.Key));

        lock (pool.Gate)
        {
            pool.EnsureId(request.UserPoolId!);
            if (request.TemporaryPassword is { } given)
            {
                pool.EnsurePasswordConforms(given);
            }

            var password = request.TemporaryPassword ?? RandomIds.TemporaryPassword();
            if (request.MessageAction == "RESEND")
            {
                // RESEND re-issues the temporary password of an existing user who has not signed in yet.
                var existing = pool.User(request.Username!);
                if (existing.Status != UserStatus.ForceChangePassword)
                {
                    throw new CognitoServiceException("UnsupportedUserStateException", "Resend not possible. User status is not FORCE_CHANGE_PASSWORD.");
                }

                pool.SetPassword(existing, password, permanent: false);
                return new AdminCreateUserResponse { User = ToUserType(existing) };
            }

            if (!EmailShape().IsMatch(request.Username!))
            {
                throw CognitoErrors.UsernameShouldBeEmail();
            }

            if (pool.EmailTaken(request.Username!))
            {
                throw CognitoErrors.EmailAlreadyExists();
            }

            var user = pool.CreateUser(request.Username!, attributes, password);
            return new AdminCreateUserResponse { User = ToUserType(user) };
        }
    }

    public EmptyResponse AdminSetUserPassword(AdminSetUserPasswordRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .Required("password", request.Password)
            .ThrowIfInvalid();

        lock (pool.Gate)
        {
            pool.EnsureId(request.UserPoolId!);
            var user = pool.User(request.Username!);
            pool.EnsurePasswordConforms(request.Password!);
            pool.SetPassword(user, request.Password!, request.Permanent ?? false);
        }

        return EmptyResponse.Instance;
    }

    public AdminGetUserResponse AdminGetUser(AdminUserRequest request)
    {
        Validate(request);
        lock (pool.Gate)
        {
            pool.EnsureId(request.UserPoolId!);
            var user = pool.User(request.Username!);
            return new AdminGetUserResponse
            {
                Username = user.Username,
                UserAttributes = Attributes(user),
                UserCreateDate = user.CreatedAt,
                UserLastModifiedDate = user.LastModifiedAt,
                Enabled = user.Enabled,
                UserStatus = user.Status,
            };
        }
    }

    /// <summary>Disables a user: it can no longer sign in or refresh, and its sessions are revoked.</summary>
    public EmptyResponse AdminDisableUser(AdminUserRequest request) => Change(request, user =>
    {
        user.Enabled = false;
        user.LastModifiedAt = pool.Now;
        pool.RevokeRefreshTokens(user);
    });

    public EmptyResponse AdminEnableUser(AdminUserRequest request) => Change(request, user =>
    {
        user.Enabled = true;
        user.LastModifiedAt = pool.Now;
    });

    public EmptyResponse AdminDeleteUser(AdminUserRequest request) => Change(request, pool.DeleteUser);

    private EmptyResponse Change(AdminUserRequest request, Action<PoolUser> change)
    {
        Validate(request);
        lock (pool.Gate)
        {
            pool.EnsureId(request.UserPoolId!);
            change(pool.User(request.Username!));
        }

        return EmptyResponse.Instance;
    }

    private static void Validate(AdminUserRequest request) =>
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .ThrowIfInvalid();

    private static UserType ToUserType(PoolUser user) => new()
    {
        Username = user.Username,
        Attributes = Attributes(user),
        UserCreateDate = user.CreatedAt,
        UserLastModifiedDate = user.LastModifiedAt,
        Enabled = user.Enabled,
        UserStatus = user.Status,
    };

    private static List<AttributeType> Attributes(PoolUser user) =>
        [.. user.Attributes.Select(a => AttributeType.Of(a.Key, a.Value))];

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
