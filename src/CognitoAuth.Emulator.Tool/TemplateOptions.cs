using System.CommandLine;
using System.Globalization;

namespace CognitoAuth.Emulator.Tool;

/// <summary>
/// The command line's template options (Contract 6): <c>--template FILE [--parameter KEY=VALUE]… [--stack-name NAME]</c>,
/// and what the command prints once a template is deployed.
/// </summary>
internal static class TemplateOptions
{
    public static (Option<string?> Template, Option<string[]> Parameters, Option<string?> StackName) Create()
    {
        var template = new Option<string?>("--template")
        {
            Description = "Deploy this CloudFormation template (JSON or YAML, e.g. cdk.out/CognitoAuthStack.template.json) instead of the built-in reference stack; nothing is seeded.",
            HelpName = "FILE",
        };
        var parameters = new Option<string[]>("--parameter")
        {
            Description = "A template parameter's value (repeatable); the others take their defaults.",
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        parameters.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--parameter must be KEY=VALUE, not '{token.Value}'.");
                }
            }
        });
        var stackName = new Option<string?>("--stack-name")
        {
            Description = "The deployed template's stack name (default: the file name less .template.json, .json, .yaml or .yml).",
            HelpName = "NAME",
        };
        return (template, parameters, stackName);
    }

    public static void Apply(ParseResult result, CognitoEmulatorOptions options, Option<string?> template, Option<string[]> parameters, Option<string?> stackName)
    {
        options.TemplatePath = result.GetValue(template);
        options.StackName = result.GetValue(stackName);
        foreach (var pair in result.GetValue(parameters) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            options.TemplateParameters[pair[..equals]] = pair[(equals + 1)..];
        }

        if (options.TemplatePath is not null)
        {
            // A template says what exists; the reference stack's test user is not part of it.
            options.SeedTestUser = false;
        }
    }

    public static string Banner(CognitoEmulator emulator, string outputsPath) => string.Create(CultureInfo.InvariantCulture, $"""
        Stack {emulator.Outputs.StackName} is deployed locally. Stop it with Ctrl-C.

        Outputs (also in {outputsPath}):
        {emulator.Outputs.ToJson()}

        Local AWS credentials (admin operations must be signed with them):
        export AWS_ACCESS_KEY_ID={emulator.Credentials.AccessKeyId}
        export AWS_SECRET_ACCESS_KEY={emulator.Credentials.SecretAccessKey}
        export AWS_DEFAULT_REGION={emulator.Region}

        Use --endpoint-url {emulator.CognitoEndpoint} with the AWS CLI; nothing is seeded (aws cognito-idp admin-create-user …).
        The emulator's page (pools, users, requests, tokens, inbox): {emulator.LocalPageUrl}

        """);
}
