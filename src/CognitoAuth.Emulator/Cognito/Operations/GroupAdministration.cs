using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito.Operations;

/// <summary>
/// CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, AdminAddUserToGroup, AdminRemoveUserFromGroup,
/// AdminListGroupsForUser and ListUsersInGroup. A user's groups appear as <c>cognito:groups</c> in the access and ID
/// tokens issued after the change (a refresh picks them up).
/// </summary>
internal sealed class GroupAdministration(PoolDirectory directory)
{
    public CreateGroupResponse CreateGroup(CreateGroupRequest request)
    {
        new RequestValidator()
            .Required("groupName", request.GroupName)
            .Required("userPoolId", request.UserPoolId)
            .MinLength("groupName", request.GroupName, 1)
            .MaxLength("groupName", request.GroupName, 128)
            .Range("precedence", request.Precedence, 0, int.MaxValue)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            if (pool.FindGroup(request.GroupName!) is not null)
            {
                throw CognitoErrors.GroupExists(request.GroupName!);
            }

            var now = pool.Now;
            var group = new PoolGroup
            {
                Name = request.GroupName!,
                Description = request.Description,
                RoleArn = request.RoleArn,
                Precedence = request.Precedence,
                CreatedAt = now,
                LastModifiedAt = now,
            };
            pool.AddGroup(group);
            directory.Touch();
            return new CreateGroupResponse { Group = ToGroupType(pool, group) };
        }
    }

    public GetGroupResponse GetGroup(GetGroupRequest request)
    {
        Validate(request.GroupName, request.UserPoolId);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            return new GetGroupResponse { Group = ToGroupType(pool, pool.Group(request.GroupName!)) };
        }
    }

    public ListGroupsResponse ListGroups(ListGroupsRequest request)
    {
        new RequestValidator().Required("userPoolId", request.UserPoolId).Range("limit", request.Limit, 0, 60).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var (groups, next) = Paging.Page(pool.Groups.ToList(), request.NextToken, request.Limit is 0 ? null : request.Limit, 60);
            return new ListGroupsResponse { Groups = [.. groups.Select(g => ToGroupType(pool, g))], NextToken = next };
        }
    }

    public UpdateGroupResponse UpdateGroup(UpdateGroupRequest request)
    {
        Validate(request.GroupName, request.UserPoolId);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var group = pool.Group(request.GroupName!);
            group.Description = request.Description ?? group.Description;
            group.RoleArn = request.RoleArn ?? group.RoleArn;
            group.Precedence = request.Precedence ?? group.Precedence;
            group.LastModifiedAt = pool.Now;
            directory.Touch();
            return new UpdateGroupResponse { Group = ToGroupType(pool, group) };
        }
    }

    public EmptyResponse DeleteGroup(GetGroupRequest request)
    {
        Validate(request.GroupName, request.UserPoolId);
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            pool.RemoveGroup(pool.Group(request.GroupName!));
            directory.Touch();
        }

        return EmptyResponse.Instance;
    }

    public EmptyResponse AdminAddUserToGroup(AdminAddUserToGroupRequest request) => Membership(request, (user, group) => user.JoinGroup(group.Name));

    public EmptyResponse AdminRemoveUserFromGroup(AdminAddUserToGroupRequest request) => Membership(request, (user, group) => user.LeaveGroup(group.Name));

    public AdminListGroupsForUserResponse AdminListGroupsForUser(AdminListGroupsForUserRequest request)
    {
        new RequestValidator().Required("username", request.Username).Required("userPoolId", request.UserPoolId).Range("limit", request.Limit, 0, 60).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            var groups = user.Groups.Select(pool.FindGroup).OfType<PoolGroup>().ToList();
            var (page, next) = Paging.Page(groups, request.NextToken, request.Limit is 0 ? null : request.Limit, 60);
            return new AdminListGroupsForUserResponse { Groups = [.. page.Select(g => ToGroupType(pool, g))], NextToken = next };
        }
    }

    public ListUsersInGroupResponse ListUsersInGroup(ListUsersInGroupRequest request)
    {
        Validate(request.GroupName, request.UserPoolId);
        new RequestValidator().Range("limit", request.Limit, 0, 60).ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var group = pool.Group(request.GroupName!);
            var members = pool.UsersInOrder.Where(u => u.Groups.Contains(group.Name, StringComparer.Ordinal)).ToList();
            var (page, next) = Paging.Page(members, request.NextToken, request.Limit is 0 ? null : request.Limit, 60);
            return new ListUsersInGroupResponse { Users = [.. page.Select(u => UserAdministration.ToUserType(u))], NextToken = next };
        }
    }

    private EmptyResponse Membership(AdminAddUserToGroupRequest request, Func<PoolUser, PoolGroup, bool> change)
    {
        new RequestValidator()
            .Required("userPoolId", request.UserPoolId)
            .Required("username", request.Username)
            .Required("groupName", request.GroupName)
            .ThrowIfInvalid();
        lock (directory.Gate)
        {
            var pool = directory.Pool(request.UserPoolId!);
            var user = pool.User(request.Username!);
            if (change(user, pool.Group(request.GroupName!)))
            {
                user.LastModifiedAt = pool.Now;
                directory.Touch();
            }
        }

        return EmptyResponse.Instance;
    }

    private static void Validate(string? groupName, string? userPoolId) =>
        new RequestValidator().Required("groupName", groupName).Required("userPoolId", userPoolId).ThrowIfInvalid();

    private static GroupType ToGroupType(UserPool pool, PoolGroup group) => new()
    {
        GroupName = group.Name,
        UserPoolId = pool.Id,
        Description = group.Description,
        RoleArn = group.RoleArn,
        Precedence = group.Precedence,
        LastModifiedDate = group.LastModifiedAt,
        CreationDate = group.CreatedAt,
    };
}
