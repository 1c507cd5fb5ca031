namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// Collects model-constraint violations the way AWS reports them: one <c>InvalidParameterException</c> whose
/// message reads "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: …".
/// Member names are camelCase there, as in AWS's messages. Values of sensitive members are never quoted.
/// </summary>
internal sealed class RequestValidator
{
    private readonly List<string> _errors = [];

    public RequestValidator Required(string member, object? value)
    {
        if (value is null)
        {
            _errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }

        return this;
    }

    public RequestValidator OneOf(string member, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return this;
    }

    public RequestValidator MinLength(string member, string? value, int minimum)
    {
        if (value is not null && value.Length < minimum)
        {
            _errors.Add($"Value at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {minimum}");
        }

        return this;
    }

    public RequestValidator Range(string member, int? value, int minimum, int maximum)
    {
        if (value < minimum)
        {
            _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value greater than or equal to {minimum}");
        }
        else if (value > maximum)
        {
            _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value less than or equal to {maximum}");
        }

        return this;
    }

    public RequestValidator MaxLength(string member, string? value, int maximum)
    {
        if (value is not null && value.Length > maximum)
        {
            _errors.Add($"Value at '{member}' failed to satisfy constraint: Member must have length less than or equal to {maximum}");
        }

        return this;
    }

    /// <summary>Every character must be allowed (the model's character-class patterns); the value is not quoted.</summary>
    public RequestValidator Pattern(string member, string? value, Func<char, bool> allowed, string pattern)
    {
        if (value is not null && !value.All(allowed))
        {
            _errors.Add($"Value at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }

        return this;
    }

    public RequestValidator EachOneOf(string member, IEnumerable<string>? values, IReadOnlyList<string> allowed)
    {
        foreach (var value in values ?? [])
        {
            OneOf(member, value, allowed);
        }

        return this;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            var noun = _errors.Count == 1 ? "error" : "errors";
            throw CognitoErrors.InvalidParameter($"{_errors.Count} validation {noun} detected: {string.Join("; ", _errors)}");
        }
    }
}
