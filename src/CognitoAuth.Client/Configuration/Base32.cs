namespace CognitoAuth.Client.Configuration;

/// <summary>
/// RFC 4648 base32 decoding (alphabet <c>A–Z 2–7</c>), tolerant of what people paste from an authenticator app: lower
/// case, spaces and missing <c>=</c> padding. Lengths no encoder produces (1, 3 or 6 characters past a multiple of 8)
/// and padding inside the text are refused.
/// </summary>
internal static class Base32
{
    /// <summary>Decodes <paramref name="text"/>; <see langword="false"/> (and no bytes) when it is not base32 or is empty.</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var symbols = new List<byte>(text.Length);
        var padding = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (c == '=')
            {
                padding++;
                continue;
            }

            // A symbol after padding: "=" was in the middle.
            if (padding > 0 || Symbol(c) is not { } value)
            {
                return false;
            }

            symbols.Add(value);
        }

        var tail = symbols.Count % 8;
        if (symbols.Count == 0 || tail is 1 or 3 or 6 || (padding > 0 && (symbols.Count + padding) % 8 != 0))
        {
            return false;
        }

        var output = new byte[symbols.Count * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var symbol in symbols)
        {
            buffer = (buffer << 5) | symbol;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[index++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        bytes = output;
        return true;
    }

    private static byte? Symbol(char c) => c switch
    {
        >= 'A' and <= 'Z' => (byte)(c - 'A'),
        >= 'a' and <= 'z' => (byte)(c - 'a'),
        >= '2' and <= '7' => (byte)(c - '2' + 26),
        _ => null,
    };
}
