using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace CognitoAuth.Emulator.Hosting;

/// <summary>
/// A server-rendered HTML page of the emulator (the managed login's pages, the local page): every value HTML-encoded, one
/// inline stylesheet, no script and nothing fetched from elsewhere, so it works offline. Answers carry <c>no-store</c> and a
/// content security policy that allows nothing but the page's own style and form posts, and refuses framing.
/// </summary>
internal sealed class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
        header{background:#232f3e;color:#fff;padding:.7rem 1.5rem;font-weight:600}
        main{padding:1rem 1.5rem;max-width:80rem}
        .card{background:#fff;border:1px solid #d5dbe3;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}
        .narrow{max-width:24rem;margin:3rem auto}
        h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.05rem;margin:.2rem 0 .6rem}
        label{display:block;margin:.5rem 0 .2rem;font-size:.9rem}
        input,select{font:inherit;padding:.35rem .5rem;border:1px solid #aab4c3;border-radius:4px;box-sizing:border-box}
        .narrow input{width:100%}
        button{font:inherit;margin-top:.8rem;padding:.4rem 1rem;border:0;border-radius:4px;background:#0972d3;color:#fff;cursor:pointer}
        .inline{display:inline}.inline button{margin:0 .2rem;padding:.15rem .5rem;font-size:.8rem;background:#5f6b7a}
        .error{color:#b00020;background:#fdecee;border-left:3px solid #b00020;padding:.4rem .6rem}
        .notice{color:#0b5a2a;background:#e9f7ef;border-left:3px solid #1d8102;padding:.4rem .6rem}
        table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e7ed;vertical-align:top}
        code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem}pre{white-space:pre-wrap;word-break:break-all;margin:0}
        .muted{color:#5f6b7a}.ok{color:#1d8102}.bad{color:#b00020}
        details summary{cursor:pointer}
        """;

    private readonly StringBuilder _html = new();

    public HtmlPage(string title, string heading)
    {
        _html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body><header>")
            .Append(Encode(heading)).Append("</header><main>");
    }

    /// <summary>The error the page shows the user, if any; the request log lists it as the request's outcome.</summary>
    public string? Alert { get; private set; }

    /// <summary>Appends the page's error message (<c>role="alert"</c>).</summary>
    public HtmlPage Error(string message)
    {
        Alert = message;
        _html.Append("<p class=\"error\" role=\"alert\" id=\"error\">").Append(Encode(message)).Append("</p>");
        return this;
    }

    /// <summary>HTML-encodes a value for text or a quoted attribute.</summary>
    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    /// <summary>Appends markup as it is: only for literals and values already encoded with <see cref="Encode"/>.</summary>
    public HtmlPage Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Appends encoded text.</summary>
    public HtmlPage Text(string? value)
    {
        _html.Append(Encode(value));
        return this;
    }

    public async Task WriteAsync(HttpContext context, int statusCode = StatusCodes.Status200OK)
    {
        if (Alert is not null)
        {
            Local.RequestOutcome.Set(context, Alert);
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XFrameOptions = "DENY";
        // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with the page's own form posts,
        // which the same-origin guard must refuse.
        response.Headers["Referrer-Policy"] = "same-origin";
        await response.WriteAsync(_html.ToString() + "</main></body></html>", Encoding.UTF8, context.RequestAborted);
    }

    public override string ToString() => $"HtmlPage {{ Length = {_html.Length} }}";
}
