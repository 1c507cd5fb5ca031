using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace CognitoAuth.Testing;

/// <summary>
/// Finds every type of an assembly (public or not) that holds a secret — a string member named like a password, secret,
/// token, session or hash, or a string dictionary that can hold <c>PASSWORD</c> and its kin — fills those members with
/// unique markers (recursively into the assembly's own member types), and reports each type whose <c>ToString()</c> shows a
/// marker. Records are included: their generated <c>ToString()</c> prints every member.
/// </summary>
internal static partial class RedactionProbe
{
    private static readonly string[] SecretKeys = ["PASSWORD", "NEW_PASSWORD", "SECRET_HASH", "REFRESH_TOKEN", "SESSION"];

    /// <summary>The types that hold a secret and were probed, and the leaks found (type, member and the output).</summary>
    public static (IReadOnlyList<Type> Probed, IReadOnlyList<string> Leaks) Run(Assembly assembly)
    {
        List<Type> probed = [];
        List<string> leaks = [];
        foreach (var type in assembly.GetTypes().Where(IsProbeable))
        {
            var markers = new Dictionary<string, string>(StringComparer.Ordinal);
            var instance = Create(type, markers, depth: 0);
            if (instance is null || markers.Count == 0)
            {
                continue;
            }

            string text;
            try
            {
                text = instance.ToString() ?? string.Empty;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NullReferenceException)
            {
                // A made-up instance some member cannot describe (a test helper's null body); not a type that holds a secret.
                continue;
            }

            probed.Add(type);
            foreach (var (marker, member) in markers)
            {
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    leaks.Add($"{type.FullName}.{member}: {text}");
                }
            }
        }

        return (probed, leaks);
    }

    /// <summary>Whether a member name says it holds a secret (TokenType, TokenUse and the like do not).</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    private static bool IsProbeable(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
        && !typeof(Delegate).IsAssignableFrom(type)
        && !typeof(Exception).IsAssignableFrom(type)
        && type.GetCustomAttribute<CompilerGeneratedAttribute>() is null
        && !type.Name.Contains('<', StringComparison.Ordinal);

    private static object? Create(Type type, Dictionary<string, string> markers, int depth)
    {
        object? instance;
        try
        {
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault();
            if (constructor is null)
            {
                return null;
            }

            var arguments = constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name ?? "arg", type, markers, depth)).ToArray();
            instance = constructor.Invoke(arguments);
        }
        catch (Exception ex) when (ex is TargetInvocationException or ArgumentException or NotSupportedException or MemberAccessException)
        {
            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            try
            {
                if (property.CanWrite && property.SetMethod is not null)
                {
                    var value = Value(property.PropertyType, property.Name, type, markers, depth);
                    if (value is not null)
                    {
                        property.SetValue(instance, value);
                    }
                }
                else if (property.CanRead && property.GetValue(instance) is IDictionary<string, string> dictionary && !dictionary.IsReadOnly)
                {
                    Fill(dictionary, type, property.Name, markers);
                }
            }
            catch (Exception ex) when (ex is TargetInvocationException or ArgumentException or InvalidOperationException)
            {
                // A setter that validates what the probe made up: that member stays as it was.
            }
        }

        return instance;
    }

    private static object? Value(Type type, string name, Type owner, Dictionary<string, string> markers, int depth)
    {
        if (type == typeof(string))
        {
            return IsSecretName(name) ? Marker(owner, name, markers) : $"plain-{name}";
        }

        if (type == typeof(Dictionary<string, string>) || type == typeof(IDictionary<string, string>) || type == typeof(IReadOnlyDictionary<string, string>))
        {
            var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
            Fill(dictionary, owner, name, markers);
            return dictionary;
        }

        if (type.IsClass && type.Assembly == owner.Assembly && depth < 2 && IsProbeable(type))
        {
            return Create(type, markers, depth + 1);
        }

        if (type == typeof(Uri))
        {
            return new Uri("https://example.com/");
        }

        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
    }

    private static void Fill(IDictionary<string, string> dictionary, Type owner, string name, Dictionary<string, string> markers)
    {
        foreach (var key in SecretKeys)
        {
            dictionary[key] = Marker(owner, $"{name}[{key}]", markers);
        }
    }

    private static string Marker(Type owner, string member, Dictionary<string, string> markers)
    {
        var marker = $"SECRET-{Guid.NewGuid():N}";
        markers[marker] = $"{owner.Name}.{member}";
        return marker;
    }

    [GeneratedRegex("(Password|Secret|SecretKey|SecretAccessKey|Token|Session|SessionToken|Hash|Signature|PASSWORD|SECRET_HASH|REFRESH_TOKEN)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
