using CognitoAuth.Reference;
using CognitoAuth.Stack.Identity;

namespace CognitoAuth.Stack.Tests;

public sealed class DomainPrefixTests
{
    [Fact]
    public void Validate_ReferenceStem_Passes()
    {
        DomainPrefix.Validate(ReferenceStack.DomainPrefixStem);
    }

    [Theory]
    [InlineData("my-aws-api", "aws")]
    [InlineData("amazonish", "amazon")]
    [InlineData("cognito-ref", "cognito")]
    public void Validate_ReservedWord_ThrowsNamingIt(string stem, string word)
    {
        var ex = Assert.Throws<ArgumentException>(() => DomainPrefix.Validate(stem));

        Assert.Contains($"'{word}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cauth")]
    [InlineData("-cauth")]
    [InlineData("cauth_ref")]
    [InlineData("cauth.ref")]
    [InlineData("")]
    public void Validate_CharactersCognitoRefuses_Throws(string stem)
    {
        Assert.Throws<ArgumentException>(() => DomainPrefix.Validate(stem));
    }

    [Fact]
    public void Validate_StemLeavingNoRoomForTheAccountId_Throws()
    {
        DomainPrefix.Validate(new string('a', DomainPrefix.MaxStemLength));

        Assert.Throws<ArgumentException>(() => DomainPrefix.Validate(new string('a', DomainPrefix.MaxStemLength + 1)));
    }
}
