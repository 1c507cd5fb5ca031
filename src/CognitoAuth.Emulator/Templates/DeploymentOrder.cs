namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// The order CloudFormation creates resources in: a resource after everything it refers to (<c>Ref</c>, <c>Fn::GetAtt</c>,
/// <c>Fn::Sub</c>) or names in <c>DependsOn</c>; otherwise in template order. A cycle is an error naming its resources.
/// Resources whose <c>Condition</c> is false are left out. Every reference is checked here, before anything is created.
/// </summary>
internal static class DeploymentOrder
{
    public static IReadOnlyList<TemplateResource> Of(StackTemplate template, TemplateResolver resolver)
    {
        // Checked first, so that a broken output or condition fails before any resource exists.
        foreach (var (name, definition) in template.Conditions)
        {
            _ = resolver.References(definition, $"Conditions.{name}").ToList();
        }

        foreach (var (name, output) in template.Outputs)
        {
            _ = resolver.References(output, $"Outputs.{name}").ToList();
        }

        var included = template.Resources
            .Where(r => r.Condition is not { } condition || resolver.Condition(condition, r.Location + ".Condition"))
            .ToList();
        var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var resource in template.Resources)
        {
            var needs = new HashSet<string>(resource.DependsOn, StringComparer.Ordinal);
            needs.UnionWith(resolver.References(resource.Properties, resource.Location + ".Properties"));
            needs.Remove(resource.LogicalId);
            dependencies[resource.LogicalId] = needs;
        }

        foreach (var resource in template.Resources)
        {
            if (dependencies[resource.LogicalId].Contains(resource.LogicalId))
            {
                throw TemplateException.At(resource.Location, "the resource refers to itself.");
            }
        }

        var order = new List<TemplateResource>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = included.ToList();
        while (pending.Count > 0)
        {
            // Kahn's algorithm, picking in template order, so the result is stable.
            var next = pending.FirstOrDefault(r => dependencies[r.LogicalId].All(d => done.Contains(d) || !included.Any(i => i.LogicalId == d)));
            if (next is null)
            {
                var cycle = Cycle(pending, dependencies);
                throw TemplateException.At(
                    $"Resources.{cycle[0]}",
                    $"circular dependency: {string.Join(" -> ", cycle)} -> {cycle[0]} (through Ref, Fn::GetAtt, Fn::Sub or DependsOn).");
            }

            order.Add(next);
            done.Add(next.LogicalId);
            pending.Remove(next);
        }

        return order;
    }

    /// <summary>One cycle among resources that cannot be ordered, for the message.</summary>
    private static List<string> Cycle(List<TemplateResource> pending, Dictionary<string, HashSet<string>> dependencies)
    {
        var names = pending.Select(p => p.LogicalId).ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var current = pending[0].LogicalId;
        while (!path.Contains(current))
        {
            path.Add(current);
            current = dependencies[current].First(names.Contains);
        }

        return path[path.IndexOf(current)..];
    }
}
