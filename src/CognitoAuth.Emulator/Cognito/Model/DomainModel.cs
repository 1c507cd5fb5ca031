using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the domain and resource server operations, member for member as in botocore's cognito-idp model.

internal sealed class CreateUserPoolDomainRequest
{
    public string? Domain { get; set; }

    public string? UserPoolId { get; set; }

    public JsonElement? CustomDomainConfig { get; set; }

    /// <summary>Managed login's branding version: accepted, not acted on (the emulator serves no managed login).</summary>
    public int? ManagedLoginVersion { get; set; }
}

internal sealed class CreateUserPoolDomainResponse
{
    public string? CloudFrontDomain { get; set; }
}

internal sealed class DescribeUserPoolDomainRequest
{
    public string? Domain { get; set; }
}

internal sealed class DescribeUserPoolDomainResponse
{
    public DomainDescriptionType? DomainDescription { get; set; }
}

internal sealed class DeleteUserPoolDomainRequest
{
    public string? Domain { get; set; }

    public string? UserPoolId { get; set; }
}

internal sealed class CreateResourceServerRequest
{
    public string? UserPoolId { get; set; }

    public string? Identifier { get; set; }

    public string? Name { get; set; }

    public List<ResourceServerScopeType>? Scopes { get; set; }
}

internal sealed class CreateResourceServerResponse
{
    public ResourceServerType? ResourceServer { get; set; }
}

internal sealed class DescribeResourceServerRequest
{
    public string? UserPoolId { get; set; }

    public string? Identifier { get; set; }
}

internal sealed class DescribeResourceServerResponse
{
    public ResourceServerType? ResourceServer { get; set; }
}

internal sealed class ListResourceServersRequest
{
    public string? UserPoolId { get; set; }

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListResourceServersResponse
{
    public List<ResourceServerType>? ResourceServers { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class DomainDescriptionType
{
    public string? UserPoolId { get; set; }

    public string? AWSAccountId { get; set; }

    public string? Domain { get; set; }

    public string? S3Bucket { get; set; }

    public string? CloudFrontDistribution { get; set; }

    public string? Version { get; set; }

    public string? Status { get; set; }

    public JsonElement? CustomDomainConfig { get; set; }
}

internal sealed class ResourceServerType
{
    public string? UserPoolId { get; set; }

    public string? Identifier { get; set; }

    public string? Name { get; set; }

    public List<ResourceServerScopeType>? Scopes { get; set; }
}

internal sealed class ResourceServerScopeType
{
    public string? ScopeName { get; set; }

    public string? ScopeDescription { get; set; }
}

internal sealed class UpdateResourceServerResponse
{
    public ResourceServerType? ResourceServer { get; set; }
}

