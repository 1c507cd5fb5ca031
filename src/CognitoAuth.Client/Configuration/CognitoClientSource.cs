using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Configuration;

/// <summary>
/// One client name's current <see cref="CognitoClientContext"/>: built on first use from the validated options, kept until
/// the options change, then built again on the next read. Reading it is a field read.
/// </summary>
internal sealed class CognitoClientSource(string name, IOptionsMonitor<CognitoApiClientOptions> options, FlowCatalog flows)
{
    private readonly object _gate = new();
    private CognitoClientContext? _current;

    public string Name { get; } = name;

    /// <summary>The context of the current options; <see cref="OptionsValidationException"/> when they are invalid.</summary>
    public CognitoClientContext Current => Volatile.Read(ref _current) ?? Build();

    /// <summary>Drops the context: the options changed. Under the same lock as <see cref="Build"/>, so a build that read the old options cannot outlive this.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            Volatile.Write(ref _current, null);
        }
    }

    private CognitoClientContext Build()
    {
        lock (_gate)
        {
            // Get validates the options (OptionsValidationException naming the key) before they are used.
            CognitoClientContext context;
            if (_current is { } current)
            {
                context = current;
            }
            else
            {
                var snapshot = options.Get(Name);
                context = CognitoClientContext.Create(Name, snapshot, flows.Get(snapshot.AuthFlow));
            }

            Volatile.Write(ref _current, context);
            return context;
        }
    }
}
