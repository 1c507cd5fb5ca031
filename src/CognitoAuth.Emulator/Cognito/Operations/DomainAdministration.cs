using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// The pool domain (CreateUserPoolDomain, DescribeUserPoolDomain, DeleteUserPoolDomain) and resource servers
/// (CreateResourceServer, DescribeResourceServer, ListResourceServers, UpdateResourceServer, DeleteResourceServer). A
/// domain is what enables the pool's OAuth endpoints; a resource server's scopes are the custom scopes app clients may
/// be granted (<c>{identifier}/{scope name}</c>).
/// </summary>
internal sealed partial class DomainAdministration(PoolDirectory directory)
{
    /// <summary>Creates the domain; as for Cognito's prefix domains, the answer names no CloudFront distribution.</summary>
    public CreateUserPoolDomainResponse CreateUserPoolDomain(CreateUserPoolDomainRequest request)
    {
        new RequestValidator()
            .Required("domain", request.Domain)
            .Required("userPoolId", request.UserPoolId)
            .MinLength("domain", request.Domain, 1)
            .MaxLength("domain", request.Domain, 63)
            .ThrowIfInvalid();
        var domain = request.Domain!;
        if (request.CustomDomainConfig is null && !PrefixShape().IsMatch(domain))
        {
            throw CognitoErrors.InvalidParameter($"1 validation error detected: Value '{domain}' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{{0,61}}[a-z0-9])?$");
        }

        if (request.CustomDomainConfig is null && ReservedWord().Match(domain) is { Success: true } reserved)
        {
            throw CognitoErrors.InvalidParameter($"Domain cannot contain reserved word: {reserved.Value}");
        }

        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            if (directory.FindPoolOfDomain(domain) is not null)
            {
                throw CognitoErrors.InvalidParameter("Domain already associated with another user pool.");
            }

            if (pool.Domain is not null)
            {
                throw CognitoErrors.InvalidParameter($"User pool {pool.Id} already has a domain configured.");
            }

            directory.SetDomain(pool, domain);
            directory.Touch();
        }

        return new CreateUserPoolDomainResponse();
    }

    public DescribeUserPoolDomainResponse DescribeUserPoolDomain(DescribeUserPoolDomainRequest request)
    {
        new RequestValidator().Required("domain", request.Domain).ThrowIfInvalid();
        lock (directory.Gate)
        {
            // As Cognito, an unknown domain is an empty description rather than an error.
            if (directory.FindPoolOfDomain(request.Domain!) is not { } pool)
            {
                return new DescribeUserPoolDomainResponse { DomainDescription = new DomainDescriptionType() };
            }

            return new DescribeUserPoolDomainResponse
            {
                DomainDescription = new DomainDescriptionType
                {
                    UserPoolId = pool.Id,
                    AWSAccountId = RandomIds.AccountId,
                    Domain = pool.Domain,
                    CloudFrontDistribution = new Uri(directory.Issuers.Endpoint).Authority,
                    Version = "1",
                    Status = "ACTIVE",
                },
            };
        }
    }

    public EmptyResponse DeleteUserPoolDomain(DeleteUserPoolDomainRequest request)
    {
        new RequestValidator().Required("domain", request.Domain).Required("userPoolId", request.UserPoolId).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            if (pool.Domain != request.Domain)
            {
                throw CognitoErrors.InvalidParameter("No such domain or user pool exists.");
            }

            directory.SetDomain(pool, null);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public CreateResourceServerResponse CreateResourceServer(CreateResourceServerRequest request)
    {
        ValidateServer(request.UserPoolId, request.Identifier, request.Name, request.Scopes);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            if (pool.FindResourceServer(request.Identifier!) is not null)
            {
                throw CognitoErrors.InvalidParameter($"{request.Identifier} already exists in user pool {pool.Id}.");
            }

            var server = new ResourceServerType { UserPoolId = pool.Id, Identifier = request.Identifier, Name = request.Name, Scopes = request.Scopes ?? [] };
            pool.PutResourceServer(server);
            directory.Touch();
            return new CreateResourceServerResponse { ResourceServer = server };
        }
    }

    public DescribeResourceServerResponse DescribeResourceServer(DescribeResourceServerRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Required("identifier", request.Identifier).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            return new DescribeResourceServerResponse
            {
                ResourceServer = pool.FindResourceServer(request.Identifier!) ?? throw CognitoErrors.ResourceServerNotFound(request.Identifier!),
            };
        }
    }

    public ListResourceServersResponse ListResourceServers(ListResourceServersRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Range("maxResults", request.MaxResults, 1, 50).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var (servers, next) = Paging.Page(pool.ResourceServers.ToList(), request.NextToken, request.MaxResults, 50);
            return new ListResourceServersResponse { ResourceServers = servers, NextToken = next };
        }
    }

    public UpdateResourceServerResponse UpdateResourceServer(CreateResourceServerRequest request)
    {
        ValidateServer(request.UserPoolId, request.Identifier, request.Name, request.Scopes);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var server = pool.FindResourceServer(request.Identifier!) ?? throw CognitoErrors.ResourceServerNotFound(request.Identifier!);
            server.Name = request.Name;
            server.Scopes = request.Scopes ?? [];
            directory.Touch();
            return new UpdateResourceServerResponse { ResourceServer = server };
        }
    }

    public EmptyResponse DeleteResourceServer(DescribeResourceServerRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Required("identifier", request.Identifier).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            _ = pool.FindResourceServer(request.Identifier!) ?? throw CognitoErrors.ResourceServerNotFound(request.Identifier!);
            pool.RemoveResourceServer(request.Identifier!);
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    private static void ValidateServer(string? userPoolId, string? identifier, string? name, List<ResourceServerScopeType>? scopes)
    {
        var validator = new RequestValidator()
            .Required("userPoolId", userPoolId)
            .Required("identifier", identifier)
            .Required("name", name)
            .MinLength("identifier", identifier, 1)
            .MaxLength("identifier", identifier, 256)
            .MinLength("name", name, 1);
        for (var i = 0; i < (scopes?.Count ?? 0); i++)
        {
            validator
                .Required($"scopes.{i + 1}.member.scopeName", scopes![i].ScopeName)
                .Required($"scopes.{i + 1}.member.scopeDescription", scopes[i].ScopeDescription);
        }

        validator.ThrowIfInvalid();
    }

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixShape();

    [GeneratedRegex("aws|amazon|cognito", RegexOptions.CultureInvariant)]
    private static partial Regex ReservedWord();
}
