using System.Text.Json;

namespace CognitoAuth.Emulator.Cognito.Model;

// Shapes of the group operations, member for member as in botocore's cognito-idp model.

internal sealed class CreateGroupRequest
{
    public string? GroupName { get; set; }

    public string? UserPoolId { get; set; }

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public int? Precedence { get; set; }
}

internal sealed class CreateGroupResponse
{
    public GroupType? Group { get; set; }
}

internal sealed class GetGroupRequest
{
    public string? GroupName { get; set; }

    public string? UserPoolId { get; set; }
}

internal sealed class GetGroupResponse
{
    public GroupType? Group { get; set; }
}

internal sealed class ListGroupsRequest
{
    public string? UserPoolId { get; set; }

    public int? Limit { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListGroupsResponse
{
    public List<GroupType>? Groups { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class AdminAddUserToGroupRequest
{
    public string? UserPoolId { get; set; }

    public string? Username { get; set; }

    public string? GroupName { get; set; }
}

internal sealed class AdminListGroupsForUserRequest
{
    public string? Username { get; set; }

    public string? UserPoolId { get; set; }

    public int? Limit { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class AdminListGroupsForUserResponse
{
    public List<GroupType>? Groups { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListUsersInGroupRequest
{
    public string? UserPoolId { get; set; }

    public string? GroupName { get; set; }

    public int? Limit { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListUsersInGroupResponse
{
    public List<UserType>? Users { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class GroupType
{
    public string? GroupName { get; set; }

    public string? UserPoolId { get; set; }

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public int? Precedence { get; set; }

    public DateTimeOffset? LastModifiedDate { get; set; }

    public DateTimeOffset? CreationDate { get; set; }
}

internal sealed class UpdateGroupRequest
{
    public string? GroupName { get; set; }

    public string? UserPoolId { get; set; }

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public int? Precedence { get; set; }
}

internal sealed class UpdateGroupResponse
{
    public GroupType? Group { get; set; }
}

