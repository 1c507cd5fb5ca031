using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// What users do for themselves, unsigned as in botocore's model: SignUp, ConfirmSignUp, ResendConfirmationCode,
/// ForgotPassword and ConfirmForgotPassword (by app client, with SECRET_HASH for clients with a secret), and GetUser,
/// ChangePassword, UpdateUserAttributes and DeleteUser (by access token). Codes go to the emulator's inbox.
/// </summary>
internal sealed class SelfService(PoolDirectory directory)
{
    public SignUpResponse SignUp(SignUpRequest request)
    {
        new RequestValidator()
            .Required("clientId", request.ClientId)
            .Required("username", request.Username)
            .Required("password", request.Password)
            .MinLength("username", request.Username, 1)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.PoolOfClient(request.ClientId!);
            var client = pool.Client(request.ClientId!);
            SecretHashes.Ensure(client, request.SecretHash, request.Username!, null);
            if (!pool.SelfSignUpAllowed)
            {
                throw CognitoErrors.SignUpNotPermitted();
            }

            var attributes = (request.UserAttributes ?? [])
                .Where(a => a.Name is not null && !(pool.EmailIsUsername && a.Name == "email"))
                .Select(a => new KeyValuePair<string, string>(a.Name!, a.Value ?? string.Empty))
                .ToList();
            UserAttributes.EnsureWritable(pool, attributes.Select(a => a.Key));
            UserAdministration.EnsureNewUsername(pool, request.Username!, attributes);
            pool.EnsurePasswordConforms(request.Password!);

            var user = pool.CreateUser(request.Username!, attributes, request.Password, UserStatus.Unconfirmed);
            CodeDeliveryDetailsType? delivery = null;
            if (pool.AutoVerifiesEmail && user.Email is not null)
            {
                user.ConfirmationCode = VerificationCode.New(pool.Now, VerificationCode.ConfirmationValidity);
                delivery = CodeDelivery.Send(pool, user, InboxMessageKind.SignUpConfirmation, user.ConfirmationCode.Code);
            }

            directory.Touch();
            return new SignUpResponse { UserConfirmed = false, CodeDeliveryDetails = delivery, UserSub = user.Sub };
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
