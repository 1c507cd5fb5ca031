using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Testing;

/// <summary>
/// The secrets a test harness handed out or saw on the wire — passwords, temporary passwords, access, ID and refresh
/// tokens, sessions, SECRET_HASHes, client secrets, AWS secret keys and session tokens — and the check that none of them
/// appears in a log record (message, exception, structured state, scopes), an exception or a <c>ToString()</c>.
/// Harnesses run it when disposed, so every test that uses one is a leak check. Shared by the test projects (linked, not copied).
/// </summary>
internal sealed class SecretScanner
{
    /// <summary>Shorter values are test placeholders ("s", "wrong") that would match innocent text; they are not scanned for.</summary>
    public const int MinimumLength = 8;

    // Members that carry a secret in Cognito's JSON 1.1 requests and responses (botocore marks them sensitive).
    private static readonly HashSet<string> SecretMembers = new(StringComparer.Ordinal)
    {
        "PASSWORD", "NEW_PASSWORD", "SECRET_HASH", "REFRESH_TOKEN", "Session", "AccessToken", "IdToken", "RefreshToken",
        "Token", "ClientSecret", "TemporaryPassword", "Password", "PreviousPassword", "ProposedPassword",
    };

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    /// <summary>Gets how many secrets are being watched for.</summary>
    public int Count => _secrets.Count;

    /// <summary>Watches for <paramref name="value"/>, described as <paramref name="kind"/> in a failure.</summary>
    public void Add(string? value, string kind)
    {
        if (value is { Length: >= MinimumLength })
        {
            _secrets.TryAdd(value, kind);
        }
    }

    /// <summary>Watches for the value of every secret member anywhere in a JSON 1.1 body; a body that is not JSON is skipped.</summary>
    public void AddFromJson(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            Collect(document.RootElement, member: null);
        }
        catch (JsonException)
        {
            // A truncated or malformed body: nothing a client could have read from it.
        }
    }

    /// <summary>The kind of the first watched secret that <paramref name="text"/> contains, or <see langword="null"/>.</summary>
    public string? FindIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var (secret, kind) in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return $"{kind} ({secret[..4]}…, {secret.Length} chars)";
            }
        }

        return null;
    }

    /// <summary>Fails if any record holds a watched secret anywhere.</summary>
    public void AssertNotIn(IEnumerable<FakeLogRecord> records, string source)
    {
        foreach (var record in records)
        {
            if (FindIn(Render(record)) is { } leak)
            {
                Assert.Fail($"Secret leaked into a log of {source}: {leak} in event {record.Id.Name ?? record.Id.Id.ToString()} ({record.Level}, {record.Category}).");
            }
        }
    }

    /// <summary>Fails if the exception (its message, type, inner exceptions and stack, as <c>ToString()</c> shows them) holds a watched secret.</summary>
    public void AssertNotIn(Exception exception)
    {
        if (FindIn(exception.ToString()) is { } leak)
        {
            Assert.Fail($"Secret leaked into an exception ({exception.GetType().Name}): {leak}.");
        }
    }

    /// <summary>Fails if <paramref name="text"/> (e.g. a <c>ToString()</c>) holds a watched secret.</summary>
    public void AssertNotIn(string? text, string what)
    {
        if (FindIn(text) is { } leak)
        {
            Assert.Fail($"Secret leaked into {what}: {leak}.");
        }
    }

    /// <summary>Everything of a record a sink could write: level, category, message, exception, state and scopes.</summary>
    public static string Render(FakeLogRecord record)
    {
        var text = new StringBuilder()
            .Append(record.Level).Append(' ').Append(record.Category).Append(' ').Append(record.Id.Name).Append(' ')
            .AppendLine(record.Message)
            .AppendLine(record.Exception?.ToString());
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            text.Append(key).Append('=').AppendLine(value);
        }

        foreach (var scope in record.Scopes)
        {
            text.AppendLine(scope?.ToString());
        }

        return text.ToString();
    }

    private void Collect(JsonElement element, string? member)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, property.Name);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, member);
                }

                break;
            case JsonValueKind.String when member is not null && SecretMembers.Contains(member):
                Add(element.GetString(), member);
                break;
        }
    }
}
