using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// The list operations' pagination: an opaque token that names where the next page starts (a position, or for users a
/// creation counter), and the page size limits of the model.
/// </summary>
internal static class Paging
{
    public static string Token(long position) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("p" + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads a token this class issued; anything else is Cognito's invalid-token error.</summary>
    public static long Position(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith('p') && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return position;
            }
        }
        catch (FormatException)
        {
        }

        throw CognitoErrors.InvalidParameter("Invalid pagination token.");
    }

    /// <summary>One page of a list in a stable order: the items and the token of the next page, if any.</summary>
    public static (List<T> Items, string? NextToken) Page<T>(IReadOnlyList<T> all, string? token, int? limit, int maximum)
    {
        var start = (int)Math.Min(Position(token), all.Count);
        var size = Math.Clamp(limit ?? maximum, 1, maximum);
        var items = all.Skip(start).Take(size).ToList();
        return (items, start + items.Count < all.Count ? Token(start + items.Count) : null);
    }
}
