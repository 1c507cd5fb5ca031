using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// What users do for themselves, unsigned as in botocore's model: SignUp, ConfirmSignUp, ResendConfirmationCode,
/// ForgotPassword and ConfirmForgotPassword (by app client, with SECRET_HASH for clients with a secret), and GetUser,
/// ChangePassword, UpdateUserAttributes and DeleteUser (by access token). Codes go to the emulator's inbox.
/// </summary>
internal sealed class SelfService(PoolDirectory directory)
{
    /// <summary>
    /// SignUp, with the pool's triggers outside the lock: PreSignUp (<c>PreSignUp_SignUp</c>, with <c>ValidationData</c> and
    /// <c>ClientMetadata</c>) between the checks and the creation — its <c>autoConfirmUser</c> confirms the user (no code is
    /// sent), <c>autoVerifyEmail</c>/<c>autoVerifyPhone</c> mark the attributes verified; then CustomMessage
    /// (<c>CustomMessage_SignUp</c>) words the code's message. A failure of either creates nobody. A user confirmed by
    /// PreSignUp then gets PostConfirmation (<c>PostConfirmation_ConfirmSignUp</c>, which SignUp's <c>ClientMetadata</c>
    /// reaches), after the commit, as at ConfirmSignUp.
    /// </summary>
    public async Task<SignUpResponse> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("username", request.Username)
            .Required("password", request.Password)
            .MinLength("username", request.Username, 1)
            .ThrowIfInvalid();
        var triggers = Check(request, out _, out _);
        var answer = triggers?.Has(PreSignUpTrigger.Name) == true
            ? await triggers.PreSignUpAsync(PreSignUpTrigger.SignUp, request.Username!,
                [.. (request.UserAttributes ?? []).Where(a => a.Name is not null).Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))],
                Map(request.ValidationData), request.ClientMetadata, cancellationToken).ConfigureAwait(false)
            : null;
        var confirmed = answer?.AutoConfirmUser == true;

        // The code's message is worded (CustomMessage_SignUp) before anything is created, for the user about to be.
        OutgoingMessage? message = null;
        string sub;
        lock (directory.Gate)
        {
            Check(request, out var pool, out var attributes);
            var (username, newSub, preview) = pool.NewUser(request.Username!, attributes);
            sub = newSub;
            preview = [.. preview, .. (answer?.VerifiedAttributes(preview) ?? []).Select(name => new KeyValuePair<string, string>(name, "true"))];
            if (!confirmed && pool.AutoVerifiesEmail && preview.Any(a => a.Key == "email"))
            {
                message = CodeDelivery.Prepare(pool, username, preview, InboxMessageKind.SignUpConfirmation, CustomMessageTrigger.SignUp, request.ClientId, request.ClientMetadata);
            }
        }

        message = await CodeDelivery.CustomizeAsync(message, cancellationToken).ConfigureAwait(false);
        SignUpResponse response;
        Func<CancellationToken, Task>? postConfirmation = null;
        lock (directory.Gate)
        {
            // Checked again: the username may have been taken, or the pool changed, while the triggers ran.
            Check(request, out var pool, out var attributes);
            var user = pool.CreateUser(request.Username!, attributes, request.Password, confirmed ? UserStatus.Confirmed : UserStatus.Unconfirmed, sub);
            foreach (var verified in answer?.VerifiedAttributes(user.SnapshotAttributes()) ?? [])
            {
                pool.SetAttribute(user, verified, "true");
            }

            CodeDeliveryDetailsType? delivery = null;
            if (message is not null)
            {
                user.ConfirmationCode = VerificationCode.New(pool.Now, VerificationCode.ConfirmationValidity);
                delivery = CodeDelivery.Deliver(pool, message, user.ConfirmationCode.Code);
            }

            if (confirmed)
            {
                postConfirmation = PostConfirmation(pool, request.ClientId, user, PostConfirmationTrigger.ConfirmSignUp, request.ClientMetadata);
            }

            directory.Touch();
            response = new SignUpResponse { UserConfirmed = confirmed, CodeDeliveryDetails = delivery, UserSub = user.Sub };
        }

        if (postConfirmation is not null)
        {
            await postConfirmation(cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// Under the lock, once a confirmation is committed: the PostConfirmation run to make after releasing it (with the user's
    /// attributes as confirmed), or <see langword="null"/> when the pool has no such trigger. Cognito runs it after the
    /// confirmation: a function that fails fails the operation, and the confirmation (or the new password) stands.
    /// </summary>
    internal static Func<CancellationToken, Task>? PostConfirmation(
        UserPool pool, string? clientId, PoolUser user, string source, IReadOnlyDictionary<string, string>? clientMetadata)
    {
        if (pool.Triggers(clientId) is not { } triggers || !triggers.Has(PostConfirmationTrigger.Name))
        {
            return null;
        }

        var username = user.Username;
        var attributes = user.SnapshotAttributes();
        return cancellationToken => triggers.PostConfirmationAsync(source, username, attributes, clientMetadata, cancellationToken);
    }

    private static Dictionary<string, string>? Map(List<AttributeType>? attributes) =>
        attributes?.Where(a => a.Name is not null).GroupBy(a => a.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty, StringComparer.Ordinal);

    /// <summary>The request's <c>ValidationData</c> as the PreSignUp event's <c>validationData</c> (<see langword="null"/> when absent).</summary>
    internal static Dictionary<string, string>? ValidationData(List<AttributeType>? validationData) => Map(validationData);

    /// <summary>SignUp's checks, under the lock: the pool's triggers for the client, or <see langword="null"/> without any.</summary>
    private UserPoolTriggers? Check(SignUpRequest request, out UserPool pool, out List<KeyValuePair<string, string>> attributes)
    {
        lock (directory.Gate)
        {
            pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            SecretHashes.Ensure(client, request.SecretHash, request.Username!, null);
            if (!pool.SelfSignUpAllowed)
            {
                throw CognitoErrors.SignUpNotPermitted();
            }

            var isEmailUsername = pool.EmailIsUsername;
            attributes = [.. (request.UserAttributes ?? [])
                .Where(a => a.Name is not null && !(isEmailUsername && a.Name == "email"))
                .Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))];
            UserAttributes.EnsureWritable(pool, attributes.Select(a => a.Key));
            UserAdministration.EnsureNewUsername(pool, request.Username!, attributes);
            pool.EnsurePasswordConforms(request.Password!);
            return pool.Triggers(client.ClientId);
        }
    }

    /// <summary>ConfirmSignUp; then PostConfirmation (<c>PostConfirmation_ConfirmSignUp</c>) outside the lock.</summary>
    public async Task<ConfirmSignUpResponse> ConfirmSignUpAsync(ConfirmSignUpRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("username", request.Username)
            .Required("confirmationCode", request.ConfirmationCode)
            .ThrowIfInvalid();
        Func<CancellationToken, Task>? postConfirmation;
        lock (directory.Gate)
        {
            var (pool, user) = UserOf(request.ClientId!, request.SecretHash, request.Username!);
            if (user.Status != UserStatus.Unconfirmed)
            {
                throw CognitoErrors.CannotConfirm(user.Status);
            }

            CheckCode(pool, user.ConfirmationCode, request.ConfirmationCode);
            user.Status = UserStatus.Confirmed;
            user.ConfirmationCode = null;
            if (user.Email is not null)
            {
                pool.SetAttribute(user, "email_verified", "true");
            }

            user.LastModifiedAt = pool.Now;
            directory.Touch();
            postConfirmation = PostConfirmation(pool, request.ClientId, user, PostConfirmationTrigger.ConfirmSignUp, request.ClientMetadata);
        }

        if (postConfirmation is not null)
        {
            await postConfirmation(cancellationToken).ConfigureAwait(false);
        }

        return new ConfirmSignUpResponse();
    }

    /// <summary>ResendConfirmationCode: a new code, its message worded by CustomMessage (<c>CustomMessage_ResendCode</c>) outside the lock.</summary>
    public async Task<ResendConfirmationCodeResponse> ResendConfirmationCodeAsync(ResendConfirmationCodeRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator().Required("clientId", request.ClientId).Required("username", request.Username).ThrowIfInvalid();
        OutgoingMessage? message;
        lock (directory.Gate)
        {
            var (pool, user) = UnconfirmedUserOf(request);
            message = CodeDelivery.Prepare(pool, user.Username, user.SnapshotAttributes(), InboxMessageKind.SignUpConfirmation, CustomMessageTrigger.ResendCode,
                request.ClientId, request.ClientMetadata);
        }

        message = await CodeDelivery.CustomizeAsync(message, cancellationToken).ConfigureAwait(false);
        lock (directory.Gate)
        {
            // Checked again: the user may have been confirmed or deleted while the trigger ran.
            var (pool, user) = UnconfirmedUserOf(request);
            user.ConfirmationCode = VerificationCode.New(pool.Now, VerificationCode.ConfirmationValidity);
            var delivery = CodeDelivery.Deliver(pool, message, user.ConfirmationCode.Code);
            directory.Touch();
            return new ResendConfirmationCodeResponse { CodeDeliveryDetails = delivery };
        }
    }

    private (UserPool Pool, PoolUser User) UnconfirmedUserOf(ResendConfirmationCodeRequest request)
    {
        var (pool, user) = UserOf(request.ClientId!, request.SecretHash, request.Username!);
        return user.Status == UserStatus.Unconfirmed ? (pool, user) : throw CognitoErrors.InvalidParameter("User is already confirmed.");
    }

    /// <summary>
    /// ForgotPassword: a reset code, its message worded by CustomMessage (<c>CustomMessage_ForgotPassword</c>). A user the
    /// pool does not know goes to UserMigration first (<c>UserMigration_ForgotPassword</c>, no password): an answer with
    /// attributes creates the user with its <c>finalUserStatus</c> and no password, and the code is sent to them. Both
    /// functions run outside the lock; the user is created and the code set only once both succeeded.
    /// </summary>
    public async Task<ForgotPasswordResponse> ForgotPasswordAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator().Required("clientId", request.ClientId).Required("username", request.Username).ThrowIfInvalid();
        UserPoolTriggers? migration = null;
        OutgoingMessage? message = null;
        lock (directory.Gate)
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            var user = pool.FindUser(request.Username!);
            SecretHashes.Ensure(client, request.SecretHash, request.Username!, user?.Username);
            if (user is not null)
            {
                message = ResetMessage(pool, user.Username, user.SnapshotAttributes(), request);
            }
            else if (pool.Triggers(client.ClientId) is { } triggers && triggers.Has(UserMigrationTrigger.Name))
            {
                migration = triggers;
            }
            else
            {
                return NoSuchUser(client, request.Username!);
            }
        }

        UserMigrationAnswer? migrated = null;
        string? sub = null;
        if (migration is not null)
        {
            migrated = await migration.UserMigrationAsync(UserMigrationTrigger.ForgotPassword, request.Username!, password: null, validationData: null,
                request.ClientMetadata, cancellationToken).ConfigureAwait(false);
            lock (directory.Gate)
            {
                var pool = directory.PoolOfClient(request.ClientId!);
                if (migrated?.UserAttributes is null)
                {
                    return NoSuchUser(pool.Client(request.ClientId!), request.Username!);
                }

                var (username, newSub, preview) = pool.NewUser(request.Username!, migrated.KeptAttributes);
                sub = newSub;
                message = ResetMessage(pool, username, preview, request);
            }
        }

        message = await CodeDelivery.CustomizeAsync(message, cancellationToken).ConfigureAwait(false);
        lock (directory.Gate)
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            var user = pool.FindUser(request.Username!);
            if (user is null && migrated is not null)
            {
                user = pool.CreateUser(request.Username!, migrated.KeptAttributes, password: null,
                    migrated.FinalUserStatus == UserStatus.ResetRequired ? UserStatus.ResetRequired : UserStatus.Confirmed, sub);
            }
            else if (user is null)
            {
                // Deleted while the trigger ran.
                return NoSuchUser(client, request.Username!);
            }
            else
            {
                // Checked again: the user (or one created meanwhile) must still have a verified contact.
                ResetMessage(pool, user.Username, user.SnapshotAttributes(), request);
            }

            user.PasswordResetCode = VerificationCode.New(pool.Now, VerificationCode.PasswordResetValidity);
            var delivery = CodeDelivery.Deliver(pool, message, user.PasswordResetCode.Code);
            directory.Touch();
            return new ForgotPasswordResponse { CodeDeliveryDetails = delivery };
        }
    }

    /// <summary>The reset code's message for a user with these attributes; Cognito's error when they have no verified contact.</summary>
    private static OutgoingMessage? ResetMessage(UserPool pool, string username, IReadOnlyList<KeyValuePair<string, string>> attributes, ForgotPasswordRequest request)
    {
        if (!attributes.Any(a => a.Key is "email_verified" or "phone_number_verified" && string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase)))
        {
            throw CognitoErrors.NoVerifiedContact();
        }

        return CodeDelivery.Prepare(pool, username, attributes, InboxMessageKind.PasswordReset, CustomMessageTrigger.ForgotPassword, request.ClientId, request.ClientMetadata);
    }

    // With PreventUserExistenceErrors, Cognito answers as if it had sent a code.
    private static ForgotPasswordResponse NoSuchUser(AppClient client, string username) => client.PreventUserExistenceErrors
        ? new ForgotPasswordResponse { CodeDeliveryDetails = CodeDelivery.Pretend(username) }
        : throw CognitoErrors.UserDoesNotExist();

    /// <summary>ConfirmForgotPassword; then PostConfirmation (<c>PostConfirmation_ConfirmForgotPassword</c>) outside the lock.</summary>
    public async Task<EmptyResponse> ConfirmForgotPasswordAsync(ConfirmForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("username", request.Username)
            .Required("confirmationCode", request.ConfirmationCode)
            .Required("password", request.Password)
            .ThrowIfInvalid();
        Func<CancellationToken, Task>? postConfirmation;
        lock (directory.Gate)
        {
            var (pool, user) = UserOf(request.ClientId!, request.SecretHash, request.Username!);
            CheckCode(pool, user.PasswordResetCode, request.ConfirmationCode);
            pool.EnsurePasswordConforms(request.Password!);
            pool.SetPassword(user, request.Password!, permanent: true);
            directory.Touch();
            postConfirmation = PostConfirmation(pool, request.ClientId, user, PostConfirmationTrigger.ConfirmForgotPassword, request.ClientMetadata);
        }

        if (postConfirmation is not null)
        {
            await postConfirmation(cancellationToken).ConfigureAwait(false);
        }

        return EmptyResponse.Instance;
    }

    public GetUserResponse GetUser(GetUserRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            return new GetUserResponse
            {
                Username = user.Username,
                UserAttributes = UserAdministration.Attributes(user),
                PreferredMfaSetting = SoftwareTokens.Preferred(user),
                UserMFASettingList = SoftwareTokens.SettingList(pool, user),
            };
        }
    }

    public EmptyResponse ChangePassword(ChangePasswordRequest request)
    {
        new RequestValidator()
            .Required("previousPassword", request.PreviousPassword)
            .Required("proposedPassword", request.ProposedPassword)
            .Required("accessToken", request.AccessToken)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            if (user.Password is null || !user.Password.Matches(request.PreviousPassword!))
            {
                throw CognitoErrors.IncorrectUsernameOrPassword();
            }

            pool.EnsurePasswordConforms(request.ProposedPassword!);
            pool.SetPassword(user, request.ProposedPassword!, permanent: true);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public UpdateUserAttributesResponse UpdateUserAttributes(UpdateUserAttributesRequest request)
    {
        new RequestValidator().Required("userAttributes", request.UserAttributes).Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            UserAdministration.UpdateAttributes(pool, user, request.UserAttributes!);
            directory.Touch();
            // A changed email is left unverified; VerifyUserAttribute is not served, so no code is sent.
            return new UpdateUserAttributesResponse { CodeDeliveryDetailsList = [] };
        }
    }

    public EmptyResponse DeleteUser(GetUserRequest request)
    {
        new RequestValidator().Required("accessToken", request.AccessToken).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = AccessTokens.Resolve(directory, request.AccessToken!);
            pool.DeleteUser(user);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    /// <summary>The pool and user a client-named request is about; unknown users are reported as Cognito does for that client.</summary>
    private (UserPool Pool, PoolUser User) UserOf(string clientId, string? secretHash, string username)
    {
        var pool = directory.PoolOfClient(clientId);
        var client = pool.Client(clientId);
        var user = pool.FindUser(username);
        SecretHashes.Ensure(client, secretHash, username, user?.Username);
        return user is null ? throw CognitoErrors.UserDoesNotExist() : (pool, user);
    }

    private static void CheckCode(UserPool pool, VerificationCode? expected, string? presented)
    {
        if (expected is null || !expected.Matches(presented))
        {
            throw CognitoErrors.CodeMismatch();
        }

        if (pool.Now >= expected.ExpiresAt)
        {
            throw CognitoErrors.ExpiredCode();
        }
    }
}
