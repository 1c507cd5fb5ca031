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
    /// SignUp, with the pool's PreSignUp trigger (<c>PreSignUp_SignUp</c>) run between the checks and the creation, outside
    /// the lock: its <c>autoConfirmUser</c> confirms the user (no code is sent), <c>autoVerifyEmail</c>/<c>autoVerifyPhone</c>
    /// mark the attributes verified; a failure creates nobody.
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
        var answer = triggers is null
            ? null
            : await triggers.PreSignUpAsync(PreSignUpTrigger.SignUp, request.Username!,
                [.. (request.UserAttributes ?? []).Where(a => a.Name is not null).Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))],
                Map(request.ValidationData), null, cancellationToken).ConfigureAwait(false);
        lock (directory.Gate)
        {
            // Checked again: the username may have been taken, or the pool changed, while the trigger ran.
            Check(request, out var pool, out var attributes);
            var confirmed = answer?.AutoConfirmUser == true;
            var user = pool.CreateUser(request.Username!, attributes, request.Password, confirmed ? UserStatus.Confirmed : UserStatus.Unconfirmed);
            foreach (var verified in answer?.VerifiedAttributes(user.SnapshotAttributes()) ?? [])
            {
                pool.SetAttribute(user, verified, "true");
            }

            CodeDeliveryDetailsType? delivery = null;
            if (!confirmed && pool.AutoVerifiesEmail && user.Email is not null)
            {
                user.ConfirmationCode = VerificationCode.New(pool.Now, VerificationCode.ConfirmationValidity);
                delivery = CodeDelivery.Send(pool, user, InboxMessageKind.SignUpConfirmation, user.ConfirmationCode.Code);
            }

            directory.Touch();
            return new SignUpResponse { UserConfirmed = confirmed, CodeDeliveryDetails = delivery, UserSub = user.Sub };
        }
    }

    private static Dictionary<string, string>? Map(List<AttributeType>? attributes) =>
        attributes?.Where(a => a.Name is not null).GroupBy(a => a.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty, StringComparer.Ordinal);

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
            return pool.Triggers(client.ClientId) is { } triggers && triggers.Has(PreSignUpTrigger.Name) ? triggers : null;
        }
    }

    public ConfirmSignUpResponse ConfirmSignUp(ConfirmSignUpRequest request)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("username", request.Username)
            .Required("confirmationCode", request.ConfirmationCode)
            .ThrowIfInvalid();
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
        }

        return new ConfirmSignUpResponse();
    }

    public ResendConfirmationCodeResponse ResendConfirmationCode(ResendConfirmationCodeRequest request)
    {
        new RequestValidator().Required("clientId", request.ClientId).Required("username", request.Username).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = UserOf(request.ClientId!, request.SecretHash, request.Username!);
            if (user.Status != UserStatus.Unconfirmed)
            {
                throw CognitoErrors.InvalidParameter("User is already confirmed.");
            }

            user.ConfirmationCode = VerificationCode.New(pool.Now, VerificationCode.ConfirmationValidity);
            var delivery = CodeDelivery.Send(pool, user, InboxMessageKind.SignUpConfirmation, user.ConfirmationCode.Code);
            directory.Touch();
            return new ResendConfirmationCodeResponse { CodeDeliveryDetails = delivery };
        }
    }

    public ForgotPasswordResponse ForgotPassword(ForgotPasswordRequest request)
    {
        new RequestValidator().Required("clientId", request.ClientId).Required("username", request.Username).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            var user = pool.FindUser(request.Username!);
            SecretHashes.Ensure(client, request.SecretHash, request.Username!, user?.Username);
            if (user is null)
            {
                // With PreventUserExistenceErrors, Cognito answers as if it had sent a code.
                return client.PreventUserExistenceErrors
                    ? new ForgotPasswordResponse { CodeDeliveryDetails = CodeDelivery.Pretend(request.Username!) }
                    : throw CognitoErrors.UserDoesNotExist();
            }

            if (!user.EmailVerified && user.Attribute("phone_number_verified") != "true")
            {
                throw CognitoErrors.NoVerifiedContact();
            }

            user.PasswordResetCode = VerificationCode.New(pool.Now, VerificationCode.PasswordResetValidity);
            var delivery = CodeDelivery.Send(pool, user, InboxMessageKind.PasswordReset, user.PasswordResetCode.Code);
            directory.Touch();
            return new ForgotPasswordResponse { CodeDeliveryDetails = delivery };
        }
    }

    public EmptyResponse ConfirmForgotPassword(ConfirmForgotPasswordRequest request)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("username", request.Username)
            .Required("confirmationCode", request.ConfirmationCode)
            .Required("password", request.Password)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var (pool, user) = UserOf(request.ClientId!, request.SecretHash, request.Username!);
            CheckCode(pool, user.PasswordResetCode, request.ConfirmationCode);
            pool.EnsurePasswordConforms(request.Password!);
            pool.SetPassword(user, request.Password!, permanent: true);
            directory.Touch();
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
