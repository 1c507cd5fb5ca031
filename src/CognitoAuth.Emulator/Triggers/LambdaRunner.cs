using System.Diagnostics;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// Runs the function a pool's <c>LambdaConfig</c> names, where the emulator was told it runs (Contract 5), and fails as
/// Cognito fails: the function's name (the ARN's <c>function:NAME</c>) is looked up among the delegates of
/// <see cref="CognitoEmulatorOptions.LambdaFunctions"/>, then the in-process handlers (<c>--lambda</c>,
/// <see cref="CognitoEmulatorOptions.LambdaHandlers"/>, and the reference trigger), then sent to the Invoke API
/// (<c>--lambda-endpoint</c>); found nowhere, it cannot be invoked. Callers must not hold the state lock while awaiting it:
/// read and validate, release, invoke, re-check and commit.
/// </summary>
internal sealed class LambdaRunner : IDisposable
{
    /// <summary>How long Cognito waits for a trigger's answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, ITriggerFunction> _functions;
    private readonly Dictionary<string, TemplateFunctionName> _templateNames;
    private readonly ITriggerFunction? _endpoint;
    private readonly HttpClient? _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LambdaRunner(IReadOnlyDictionary<string, ITriggerFunction> functions, ITriggerFunction? endpoint, TimeProvider time, ILogger? logger = null)
        : this(functions, endpoint, time, logger, http: null, templateNames: null)
    {
    }

    private LambdaRunner(
        IReadOnlyDictionary<string, ITriggerFunction> functions, ITriggerFunction? endpoint, TimeProvider time, ILogger? logger, HttpClient? http,
        IReadOnlyDictionary<string, TemplateFunctionName>? templateNames)
    {
        _functions = new(functions, StringComparer.Ordinal);
        _templateNames = new(templateNames ?? new Dictionary<string, TemplateFunctionName>(), StringComparer.Ordinal);
        _endpoint = endpoint;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _http = http;
    }

    /// <summary>
    /// The runner of an emulator: the reference trigger in-process under <see cref="ReferenceStack.TokenTriggerName"/>, the
    /// options' handlers and delegates (which may replace it), and the Invoke API at <see cref="CognitoEmulatorOptions.LambdaEndpoint"/>.
    /// <paramref name="deployed"/> adds functions a template deployed (Contract 6: a function with local code, by its
    /// <c>FunctionName</c> and logical id, e.g. <c>new InProcessTriggerFunction(LambdaFunction.Load(handler, codeFolder))</c>);
    /// the options' handlers and delegates still come before them. <paramref name="templateNames"/> are the template's functions
    /// without local code (Contract 6: run by <c>--lambda</c>/<c>--lambda-endpoint</c> by their <c>FunctionName</c> or logical id),
    /// by the name the stack gave them.
    /// </summary>
    public static LambdaRunner Create(
        CognitoEmulatorOptions options, ILogger? logger = null, IReadOnlyDictionary<string, ITriggerFunction>? deployed = null,
        IReadOnlyDictionary<string, TemplateFunctionName>? templateNames = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var functions = new Dictionary<string, ITriggerFunction>(StringComparer.Ordinal)
        {
            [ReferenceStack.TokenTriggerName] = InProcessTriggerFunction.FromHandler(ReferenceStack.TokenTriggerHandler),
        };
        foreach (var (name, function) in deployed ?? new Dictionary<string, ITriggerFunction>())
        {
            functions[name] = function;
        }

        foreach (var specification in options.LambdaHandlers)
        {
            var (name, function) = InProcessTriggerFunction.FromSpecification(specification);
            functions[name] = function;
        }

        foreach (var (name, function) in options.LambdaFunctions)
        {
            functions[name] = new DelegateTriggerFunction(name, function);
        }

        HttpClient? http = null;
        ITriggerFunction? endpoint = null;
        if (options.LambdaEndpoint is { } url)
        {
            // Loopback or a local tool: no proxy, and the runner's own timeout rules (HttpClient's would be 100 s).
            http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            endpoint = new InvokeApiTriggerFunction(http, url, options.AccessKeyId, options.SecretAccessKey, options.TimeProvider);
        }

        return new LambdaRunner(functions, endpoint, options.TimeProvider, logger, http, templateNames);
    }

    /// <summary>Told of every run, as it ends (the local page's request log); <see langword="null"/> for nobody.</summary>
    public Action<TriggerInvocation>? Observer { get; set; }

    /// <summary>Whether a function of this ARN would be found (in-process, or because an Invoke API endpoint is set).</summary>
    public bool CanInvoke(string functionArn) =>
        LambdaArn.TryParse(functionArn, out var arn) && Find(arn) is not null;

    /// <summary>
    /// Invokes the function of <paramref name="functionArn"/> with <paramref name="evt"/> and returns its answer, the event
    /// object it sent back (its <c>response</c> is what the trigger's reader applies).
    /// </summary>
    /// <param name="trigger">The trigger's <c>LambdaConfig</c> name, for Cognito's error messages (<c>PreSignUp</c>, …).</param>
    /// <param name="functionArn">The function's ARN, from the pool's <c>LambdaConfig</c>.</param>
    /// <param name="evt">The trigger event.</param>
    /// <param name="cancellationToken">Cancels the wait (the request was aborted).</param>
    /// <exception cref="CognitoServiceException">As Cognito reports it: <c>UserLambdaValidationException</c> (the function
    /// failed), <c>InvalidLambdaResponseException</c> (the answer is not a JSON object), <c>UnexpectedLambdaException</c> (no
    /// answer within <see cref="Timeout"/>, or no such function).</exception>
    public Task<JsonObject> InvokeAsync(string trigger, string functionArn, JsonObject evt, CancellationToken cancellationToken = default) =>
        InvokeAsync(trigger, functionArn, evt, answer => answer, cancellationToken);

    /// <summary>
    /// Invokes the function and reads its answer with <paramref name="read"/> (a trigger's reader, which throws
    /// <c>InvalidLambdaResponseException</c> for a <c>response</c> it cannot apply): the <see cref="Observer"/> is told of the
    /// whole run, reading included, so an answer the trigger cannot use shows as such.
    /// </summary>
    public async Task<T> InvokeAsync<T>(string trigger, string functionArn, JsonObject evt, Func<JsonObject, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(read);
        var started = Stopwatch.GetTimestamp();
        var run = new Run();
        try
        {
            var answer = await InvokeCoreAsync(trigger, functionArn, evt, run, cancellationToken).ConfigureAwait(false);
            run.Outcome = TriggerOutcome.InvalidAnswer;
            var result = read(answer);
            Observer?.Invoke(new TriggerInvocation(trigger, functionArn, run.Source, TriggerOutcome.Ok, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            return result;
        }
        catch (CognitoServiceException ex)
        {
            Observer?.Invoke(new TriggerInvocation(trigger, functionArn, run.Source, run.Outcome, ex.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            throw;
        }
    }

    private async Task<JsonObject> InvokeCoreAsync(string trigger, string functionArn, JsonObject evt, Run run, CancellationToken cancellationToken)
    {
        if (!LambdaArn.TryParse(functionArn, out var asked) || Find(asked) is not var (function, arn))
        {
            run.Outcome = TriggerOutcome.NotFound;
            Log.TriggerFunctionNotFound(_logger, trigger, functionArn);
            throw TriggerErrors.CouldNotInvoke(trigger, "AccessDeniedException");
        }

        run.Source = function.Source;
        var started = Stopwatch.GetTimestamp();
        byte[] answer;
        try
        {
            answer = await InvokeWithinAsync(function, arn, TriggerJson.ToBytes(evt), Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            run.Outcome = TriggerOutcome.TimedOut;
            Log.TriggerTimedOut(_logger, trigger, arn.FunctionName, function.Source);
            throw TriggerErrors.TimedOut(trigger);
        }
        catch (LambdaFunctionException ex)
        {
            run.Outcome = TriggerOutcome.Failed;
            Log.TriggerFailed(_logger, trigger, arn.FunctionName, function.Source);
            throw TriggerErrors.FunctionFailed(trigger, ex.Message);
        }
        catch (LambdaUnreachableException ex)
        {
            run.Outcome = TriggerOutcome.Unreachable;
            Log.TriggerUnreachable(_logger, trigger, arn.FunctionName, function.Source, ex.Error);
            throw TriggerErrors.CouldNotInvoke(trigger, ex.Error);
        }

        run.Outcome = TriggerOutcome.InvalidAnswer;
        if (!TriggerJson.TryParse(answer, out var node))
        {
            Log.TriggerAnswerInvalid(_logger, trigger, arn.FunctionName, "not JSON");
            throw TriggerErrors.AnswerNotJson();
        }

        if (node is not JsonObject answered)
        {
            Log.TriggerAnswerInvalid(_logger, trigger, arn.FunctionName, "not a JSON object");
            throw TriggerErrors.AnswerUnrecognizable();
        }

        Log.TriggerInvoked(_logger, trigger, arn.FunctionName, function.Source, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answered;
    }

    /// <summary>
    /// Invokes the function behind an HTTP API's Lambda proxy integration with the payload-2.0 event and returns its answer's
    /// bytes, unread, waiting at most <paramref name="timeout"/> (the integration's <c>TimeoutInMillis</c>).
    /// </summary>
    /// <exception cref="LambdaUnreachableException">Nothing runs the function (its message names it and how to run it), or it
    /// could not be invoked.</exception>
    /// <exception cref="LambdaFunctionException">The function failed.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public async Task<(byte[] Answer, string Source)> InvokeIntegrationAsync(LambdaArn functionArn, byte[] evt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functionArn);
        if (Find(functionArn) is not var (function, arn))
        {
            var logicalId = _templateNames.GetValueOrDefault(functionArn.FunctionName)?.LogicalId;
            throw new LambdaUnreachableException(
                $"nothing runs the function {functionArn.FunctionName}{(logicalId is null ? string.Empty : $" (logical id {logicalId})")}: it has no local code, " +
                $"no --lambda {logicalId ?? functionArn.FunctionName}=PATH::Namespace.Type::Method or in-process delegate by either name, and no --lambda-endpoint");
        }

        return (await InvokeWithinAsync(function, arn, evt, timeout, cancellationToken).ConfigureAwait(false), function.Source);
    }

    /// <summary>
    /// Invokes <paramref name="function"/>, waiting at most <paramref name="timeout"/>; on a timeout the invocation is cancelled
    /// (an in-process handler or an HTTP call does not go on running unseen) and <see cref="TimeoutException"/> is thrown.
    /// </summary>
    private async Task<byte[]> InvokeWithinAsync(ITriggerFunction function, LambdaArn arn, byte[] evt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await function.InvokeAsync(arn, evt, invocation.Token).WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await invocation.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose() => _http?.Dispose();

    /// <summary>
    /// Where a function runs and the ARN to run it under: by its name among the in-process functions; a template's function
    /// without local code also by its logical id; else at the Invoke API, under the template's <c>FunctionName</c> or, when
    /// CloudFormation made the name up (<c>{stack}-{logical id}-{suffix}</c>, known to no one outside), its logical id, as
    /// <c>sam local start-lambda</c> names a template's functions.
    /// </summary>
    private (ITriggerFunction Function, LambdaArn Arn)? Find(LambdaArn arn)
    {
        if (_functions.TryGetValue(arn.FunctionName, out var named))
        {
            return (named, arn);
        }

        if (_templateNames.GetValueOrDefault(arn.FunctionName) is not { } template)
        {
            return _endpoint is null ? null : (_endpoint, arn);
        }

        var byLogicalId = arn with { FunctionName = template.LogicalId };
        return _functions.TryGetValue(template.LogicalId, out var byId) ? (byId, byLogicalId)
            : _endpoint is null ? null
            : (_endpoint, template.NameGenerated ? byLogicalId : arn);
    }

    /// <summary>What one run found and how far it got, for the <see cref="Observer"/>.</summary>
    private sealed class Run
    {
        public string? Source { get; set; }

        public TriggerOutcome Outcome { get; set; } = TriggerOutcome.Failed;
    }
}

/// <summary>
/// A template's function without local code, by the name the stack gave it: its logical id, and whether CloudFormation made
/// the name up (no <c>FunctionName</c> in the template).
/// </summary>
internal sealed record TemplateFunctionName(string LogicalId, bool NameGenerated);
