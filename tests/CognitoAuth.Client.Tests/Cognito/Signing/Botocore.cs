using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoAuth.Client.Tests.Cognito.Signing;

/// <summary>
/// botocore's SigV4 signer, from the Debian <c>awscli</c> package (the real AWS CLI v2), run through
/// <c>botocore_sign.py</c>. <c>bin/test</c> installs awscli; without it the tests that need it are skipped.
/// </summary>
internal static class Botocore
{
    public const string Python = "/usr/bin/python3";
    public const string ServiceModel = "/usr/lib/python3/dist-packages/awscli/botocore/data/cognito-idp/2016-04-18/service-2.json";
    private const string Package = "/usr/lib/python3/dist-packages/awscli/botocore/auth.py";

    /// <summary>
    /// The newest Cognito service model on the machine: the image's Python botocore (it comes with cfn-lint's AWS
    /// dependencies, and knows operations Debian's older copy lacks, such as <c>GetTokensFromRefreshToken</c>), else
    /// Debian's. Read as JSON (botocore ships it gzipped).
    /// </summary>
    public static JsonElement NewestServiceModel => Newest.Value;

    private static readonly Lazy<JsonElement> Newest = new(() =>
    {
        foreach (var candidate in ModelCandidates())
        {
            if (File.Exists(candidate + ".gz"))
            {
                using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(candidate + ".gz"), System.IO.Compression.CompressionMode.Decompress);
                return JsonDocument.Parse(gzip).RootElement.Clone();
            }

            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllText(candidate)).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("No botocore service model for cognito-idp was found.");
    });

    private static IEnumerable<string> ModelCandidates()
    {
        const string relative = "data/cognito-idp/2016-04-18/service-2.json";
        string? package = null;
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            package = python.StandardOutput.ReadToEnd().Trim();
            python.WaitForExit();
            package = python.ExitCode == 0 && package.Length > 0 ? package : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No python3 on the PATH: Debian's model only.
        }

        if (package is not null)
        {
            yield return Path.Combine(package, relative);
        }

        yield return ServiceModel;
    }

    public static string? MissingReason =>
        !File.Exists(Python) ? $"{Python} is missing (bin/test installs it)."
        : !File.Exists(Package) || !File.Exists(ServiceModel) ? "The Debian awscli package (botocore) is missing: apt-get install awscli, or run bin/test."
        : null;

    /// <summary>Signs the request with botocore at the given instant and returns the headers it set.</summary>
    public static IReadOnlyDictionary<string, string> Sign(
        string method, Uri url, string body, IReadOnlyDictionary<string, string> headers, string accessKey, string secretKey, string? token, string region, string service, DateTimeOffset at)
    {
        var spec = new JsonObject
        {
            ["method"] = method,
            ["url"] = url.ToString(),
            ["body"] = body,
            ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["accessKey"] = accessKey,
            ["secretKey"] = secretKey,
            ["token"] = token,
            ["region"] = region,
            ["service"] = service,
            ["timestamp"] = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };

        var script = Path.Combine(AppContext.BaseDirectory, "Cognito", "Signing", "botocore_sign.py");
        using var process = Process.Start(new ProcessStartInfo(Python, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.StandardInput.Write(spec.ToJsonString());
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"botocore_sign.py failed: {stderr.Result}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
    }
}

/// <summary>A fact that needs botocore; skipped, with the reason, where the Debian awscli package is absent.</summary>
internal sealed class BotocoreFactAttribute : FactAttribute
{
    public BotocoreFactAttribute()
    {
        if (Botocore.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs botocore; skipped, with the reason, where the Debian awscli package is absent.</summary>
internal sealed class BotocoreTheoryAttribute : TheoryAttribute
{
    public BotocoreTheoryAttribute()
    {
        if (Botocore.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
