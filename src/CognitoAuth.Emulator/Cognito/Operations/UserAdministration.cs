using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The admin user operations: AdminCreateUser, AdminSetUserPassword, AdminGetUser, AdminDisableUser, AdminEnableUser,
/// AdminDeleteUser, AdminUpdateUserAttributes, AdminDeleteUserAttributes, AdminConfirmSignUp, AdminResetUserPassword,
/// AdminUserGlobalSignOut and ListUsers. In a pool that signs in with email as username, a created user's real username is
/// a UUID (its <c>sub</c>) and the email an attribute; every operation finds a user by either.
/// </summary>
internal sealed partial class UserAdministration(PoolDirectory directory)
{
    private static readonly string[] MessageActions = ["RESEND", "SUPPRESS"];
    private static readonly string[] DeliveryMediums = ["SMS", "EMAIL"];

    /// <summary>
    /// AdminCreateUser, with the pool's triggers outside the lock: PreSignUp (<c>PreSignUp_AdminCreateUser</c>, with
    /// <c>ValidationData</c> and <c>ClientMetadata</c>; its <c>autoVerifyEmail</c>/<c>autoVerifyPhone</c> mark the attributes
    /// verified, while the user stays FORCE_CHANGE_PASSWORD whatever <c>autoConfirmUser</c> says) for a new user, then
    /// CustomMessage (<c>CustomMessage_AdminCreateUser</c>, with <c>{username}</c> and <c>{####}</c>) for the invitation.
    /// A failure of either creates nobody and sends nothing.
    /// </summary>
    public async Task<AdminCreateUserResponse> AdminCreateUserAsync(AdminCreateUserRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .MinLength("username", request.Username, 1)
            .MaxLength("username", request.Username, 128)
            .OneOf("messageAction", request.MessageAction, MessageActions)
            .EachOneOf("desiredDeliveryMediums", request.DesiredDeliveryMediums, DeliveryMediums)
            .ThrowIfInvalid();

        UserPoolTriggers? triggers;
        lock (directory.Gate)
        {
            var pool = CheckCreate(request, out _, out _);
            triggers = pool.Triggers(clientId: null);
        }

        var resend = request.MessageAction == "RESEND";
        var answer = !resend && triggers?.Has(PreSignUpTrigger.Name) == true
            ? await triggers.PreSignUpAsync(PreSignUpTrigger.AdminCreateUser, request.Username!,
                [.. (request.UserAttributes ?? []).Where(a => a.Name is not null).Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))],
                SelfService.ValidationData(request.ValidationData), request.ClientMetadata, cancellationToken).ConfigureAwait(false)
            : null;

        // The invitation is worded (CustomMessage_AdminCreateUser) before anything is created, for the user about to be.
        var password = request.TemporaryPassword ?? RandomIds.TemporaryPassword();
        OutgoingMessage? message = null;
        string? sub = null;
        lock (directory.Gate)
        {
            var pool = CheckCreate(request, out var existing, out var attributes);
            var (username, preview) = (existing?.Username, existing?.SnapshotAttributes());
            if (existing is null)
            {
                var (newUsername, newSub, newAttributes) = pool.NewUser(request.Username!, attributes);
                (username, sub) = (newUsername, newSub);
                preview = [.. newAttributes, .. (answer?.VerifiedAttributes(newAttributes) ?? []).Select(name => new KeyValuePair<string, string>(name, "true"))];
            }

            if (request.MessageAction != "SUPPRESS")
            {
                message = CodeDelivery.Prepare(pool, username!, preview!, InboxMessageKind.TemporaryPassword, CustomMessageTrigger.AdminCreateUser, null, request.ClientMetadata);
            }
        }

        message = await CodeDelivery.CustomizeAsync(message, cancellationToken).ConfigureAwait(false);
        lock (directory.Gate)
        {
            // Checked again: the username may have been taken (or the user changed) while the triggers ran.
            var pool = CheckCreate(request, out var user, out var attributes);
            if (user is not null)
            {
                // RESEND re-issues the temporary password of an existing user who has not signed in yet.
                pool.SetPassword(user, password, permanent: false);
            }
            else
            {
                user = pool.CreateUser(request.Username!, attributes, password, UserStatus.ForceChangePassword, sub);
                foreach (var verified in answer?.VerifiedAttributes(user.SnapshotAttributes()) ?? [])
                {
                    pool.SetAttribute(user, verified, "true");
                }
            }

            CodeDelivery.Deliver(pool, message, password);
            directory.Touch();
            return new AdminCreateUserResponse { User = ToUserType(user) };
        }
    }

    /// <summary>
    /// AdminCreateUser's checks, under the lock: the pool, the attributes to create the user with, and for <c>RESEND</c> the
    /// existing user (who must still be FORCE_CHANGE_PASSWORD); for a new user, that the username is free.
    /// </summary>
    private UserPool CheckCreate(AdminCreateUserRequest request, out PoolUser? existing, out List<KeyValuePair<string, string>> attributes)
    {
        var pool = directory.Pool(request.UserPoolId!);
        attributes = [.. (request.UserAttributes ?? [])
            .Where(a => a.Name is not null && !(pool.EmailIsUsername && a.Name == "email"))
            .Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))];
        UserAttributes.EnsureWritable(pool, attributes.Select(a => a.Key));
        if (request.TemporaryPassword is { } given)
        {
            pool.EnsurePasswordConforms(given);
        }

        if (request.MessageAction == "RESEND")
        {
            existing = pool.User(request.Username!);
            if (existing.Status != UserStatus.ForceChangePassword)
            {
                throw new CognitoServiceException("UnsupportedUserStateException", "Resend not possible. User status is not FORCE_CHANGE_PASSWORD.");
            }

            return pool;
        }

        existing = null;
        EnsureNewUsername(pool, request.Username!, attributes);
        return pool;
    }

    public EmptyResponse AdminSetUserPassword(AdminSetUserPasswordRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .Required("password", request.Password)
            .ThrowIfInvalid();

        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            pool.EnsurePasswordConforms(request.Password!);
            pool.SetPassword(user, request.Password!, request.Permanent ?? false);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public AdminGetUserResponse AdminGetUser(AdminUserRequest request)
    {
        Validate(request);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            return new AdminGetUserResponse
            {
                Username = user.Username,
                UserAttributes = Attributes(user),
                UserCreateDate = user.CreatedAt,
                UserLastModifiedDate = user.LastModifiedAt,
                Enabled = user.Enabled,
                UserStatus = user.Status,
                PreferredMfaSetting = SoftwareTokens.Preferred(user),
                UserMFASettingList = SoftwareTokens.SettingList(pool, user),
            };
        }
    }

    /// <summary>Disables a user: it can no longer sign in or refresh, and its sessions are revoked.</summary>
    public EmptyResponse AdminDisableUser(AdminUserRequest request) => Change(request, (pool, user) =>
    {
        user.Enabled = false;
        user.LastModifiedAt = pool.Now;
        pool.RevokeRefreshTokens(user);
    });

    public EmptyResponse AdminEnableUser(AdminUserRequest request) => Change(request, (pool, user) =>
    {
        user.Enabled = true;
        user.LastModifiedAt = pool.Now;
    });

    public EmptyResponse AdminDeleteUser(AdminUserRequest request) => Change(request, (pool, user) => pool.DeleteUser(user));

    /// <summary>AdminConfirmSignUp; then PostConfirmation (<c>PostConfirmation_ConfirmSignUp</c>) outside the lock.</summary>
    public async Task<EmptyResponse> AdminConfirmSignUpAsync(AdminUserRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        Func<CancellationToken, Task>? postConfirmation;
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            if (user.Status != UserStatus.Unconfirmed)
            {
                throw CognitoErrors.CannotConfirm(user.Status);
            }

            user.Status = UserStatus.Confirmed;
            user.ConfirmationCode = null;
            user.LastModifiedAt = pool.Now;
            directory.Touch();
            postConfirmation = SelfService.PostConfirmation(pool, null, user, PostConfirmationTrigger.ConfirmSignUp, request.ClientMetadata);
        }

        if (postConfirmation is not null)
        {
            await postConfirmation(cancellationToken).ConfigureAwait(false);
        }

        return EmptyResponse.Instance;
    }

    /// <summary>
    /// Puts the user into RESET_REQUIRED and sends a reset code (worded by CustomMessage, <c>CustomMessage_ForgotPassword</c>,
    /// outside the lock): sign-in then fails until ConfirmForgotPassword. A failed trigger changes nothing.
    /// </summary>
    public async Task<EmptyResponse> AdminResetUserPasswordAsync(AdminUserRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        OutgoingMessage? message;
        lock (directory.Gate)
        {
            var (pool, user) = ResettableUser(request);
            message = CodeDelivery.Prepare(pool, user.Username, user.SnapshotAttributes(), InboxMessageKind.PasswordReset, CustomMessageTrigger.ForgotPassword,
                null, request.ClientMetadata);
        }

        message = await CodeDelivery.CustomizeAsync(message, cancellationToken).ConfigureAwait(false);
        lock (directory.Gate)
        {
            var (pool, user) = ResettableUser(request);
            user.Status = UserStatus.ResetRequired;
            user.PasswordResetCode = VerificationCode.New(pool.Now, VerificationCode.PasswordResetValidity);
            user.LastModifiedAt = pool.Now;
            CodeDelivery.Deliver(pool, message, user.PasswordResetCode.Code);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    private (UserPool Pool, PoolUser User) ResettableUser(AdminUserRequest request)
    {
        var pool = directory.Pool(request.UserPoolId!);
        var user = pool.User(request.Username!);
        return !user.EmailVerified && user.Attribute("phone_number_verified") != "true" ? throw CognitoErrors.NoVerifiedContact() : (pool, user);
    }

    /// <summary>Revokes every refresh token of the user; its access tokens then fail at Cognito (not at an API's JWT authorizer).</summary>
    public EmptyResponse AdminUserGlobalSignOut(AdminUserRequest request) => Change(request, (pool, user) => pool.RevokeRefreshTokens(user));

    public EmptyResponse AdminUpdateUserAttributes(AdminUpdateUserAttributesRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .Required("userAttributes", request.UserAttributes)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            UpdateAttributes(pool, user, request.UserAttributes!);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public EmptyResponse AdminDeleteUserAttributes(AdminDeleteUserAttributesRequest request)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .Required("userAttributeNames", request.UserAttributeNames)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            // Deleting a value is changing it: an immutable attribute is refused as AdminUpdateUserAttributes refuses it.
            UserAttributes.EnsureUpdatable(pool, request.UserAttributeNames!);
            foreach (var name in request.UserAttributeNames!)
            {
                if (UserAttributes.IsRequired(pool, name))
                {
                    throw CognitoErrors.InvalidParameter($"Attributes did not conform to the schema: {name}: The attribute is required");
                }

                pool.RemoveAttribute(user, name);
            }

            user.LastModifiedAt = pool.Now;
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public ListUsersResponse ListUsers(ListUsersRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Range("limit", request.Limit, 0, 60).ThrowIfInvalid();
        var filter = UserFilter.Parse(request.Filter);
        var after = Paging.Position(request.PaginationToken);
        var limit = request.Limit is null or 0 ? 60 : request.Limit.Value;
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var users = new List<UserType>(Math.Min(limit, 60));
            PoolUser? last = null;
            var more = false;
            foreach (var user in pool.UsersInOrder)
            {
                if (user.Sequence <= after || !filter.Matches(user))
                {
                    continue;
                }

                if (users.Count == limit)
                {
                    more = true;
                    break;
                }

                users.Add(ToUserType(user, request.AttributesToGet));
                last = user;
            }

            return new ListUsersResponse { Users = users, PaginationToken = more ? Paging.Token(last!.Sequence) : null };
        }
    }

    /// <summary>Applies attribute updates as Cognito does: a changed email is unverified until confirmed (unless the update says otherwise).</summary>
    public static void UpdateAttributes(UserPool pool, PoolUser user, IEnumerable<AttributeType> updates)
    {
        var changes = updates.Where(a => a.Name is not null).Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty)).ToList();
        UserAttributes.EnsureUpdatable(pool, changes.Select(c => c.Key).ToList());
        foreach (var (name, value) in changes)
        {
            if (name == "email" && !string.Equals(value, user.Email, StringComparison.OrdinalIgnoreCase))
            {
                if (pool.FindUser(value) is { } other && other != user && pool.EmailSignsIn)
                {
                    throw CognitoErrors.EmailAlreadyExists();
                }

                pool.SetAttribute(user, name, value);
                if (!changes.Any(c => c.Key == "email_verified"))
                {
                    pool.SetAttribute(user, "email_verified", "false");
                }
            }
            else
            {
                pool.SetAttribute(user, name, value);
            }
        }

        user.LastModifiedAt = pool.Now;
    }

    /// <summary>Checks that a new user's username (or, with email as username, its email) is free and well formed.</summary>
    public static void EnsureNewUsername(UserPool pool, string username, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        if (pool.EmailIsUsername)
        {
            if (!EmailShape().IsMatch(username))
            {
                throw CognitoErrors.UsernameShouldBeEmail();
            }

            if (pool.EmailTaken(username))
            {
                throw CognitoErrors.EmailAlreadyExists();
            }

            return;
        }

        if (pool.UsernameTaken(username))
        {
            throw CognitoErrors.UsernameExists();
        }

        if (attributes.FirstOrDefault(a => a.Key == "email").Value is { } email && pool.EmailTaken(email))
        {
            throw CognitoErrors.EmailAlreadyExists();
        }
    }

    public static UserType ToUserType(PoolUser user, IReadOnlyCollection<string>? attributesToGet = null) => new()
    {
        Username = user.Username,
        Attributes = attributesToGet is null ? Attributes(user) : [.. user.Attributes.Where(a => attributesToGet.Contains(a.Key)).Select(a => AttributeType.Of(a.Key, a.Value))],
        UserCreateDate = user.CreatedAt,
        UserLastModifiedDate = user.LastModifiedAt,
        Enabled = user.Enabled,
        UserStatus = user.Status,
    };

    public static List<AttributeType> Attributes(PoolUser user) =>
        [.. user.Attributes.Select(a => AttributeType.Of(a.Key, a.Value))];

    private EmptyResponse Change(AdminUserRequest request, Action<UserPool, PoolUser> change)
    {
        Validate(request);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            change(pool, pool.User(request.Username!));
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    private static void Validate(AdminUserRequest request) =>
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .ThrowIfInvalid();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
