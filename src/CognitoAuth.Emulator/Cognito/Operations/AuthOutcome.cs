using CognitoAuth.Emulator.Cognito.Model;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>The result of an auth step, decided under the pool's lock: a challenge to answer, or tokens to sign outside it.</summary>
/// <param name="Challenge">The challenge answer (name, session, parameters).</param>
/// <param name="Grant">The tokens to mint.</param>
internal readonly record struct AuthOutcome(AuthFlowResponse? Challenge, TokenGrant? Grant)
{
    public AuthFlowResponse ToResponse() => Challenge ?? Grant!.ToResponse();
}
