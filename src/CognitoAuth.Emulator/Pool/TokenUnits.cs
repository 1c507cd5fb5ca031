namespace CognitoAuth.Emulator.Pool;

/// <summary>The time units of an app client's token validities, as <c>TokenValidityUnitsType</c> names them.</summary>
internal sealed record TokenUnits(string AccessUnit, string IdUnit, string RefreshUnit)
{
    /// <summary>What Cognito reports for a client created without units: minutes for access and ID tokens, days for refresh tokens.</summary>
    public static TokenUnits Default { get; } = new("minutes", "minutes", "days");

    /// <summary>
    /// Units in which the given validities are whole numbers, so DescribeUserPoolClient reports in-process clients whose
    /// lifetimes are seconds (for tests) exactly: minutes (or seconds) for access and ID tokens, days (or finer) for refresh.
    /// </summary>
    public static TokenUnits Fitting(TimeSpan access, TimeSpan id, TimeSpan refresh) =>
        new(Finest(access, "minutes"), Finest(id, "minutes"), Finest(refresh, "days"));

    public static TimeSpan ToTimeSpan(int value, string unit) => unit switch
    {
        "seconds" => TimeSpan.FromSeconds(value),
        "minutes" => TimeSpan.FromMinutes(value),
        "hours" => TimeSpan.FromHours(value),
        _ => TimeSpan.FromDays(value),
    };

    public static int FromTimeSpan(TimeSpan value, string unit) => unit switch
    {
        "seconds" => (int)value.TotalSeconds,
        "minutes" => (int)value.TotalMinutes,
        "hours" => (int)value.TotalHours,
        _ => (int)value.TotalDays,
    };

    private static string Finest(TimeSpan value, string coarsest)
    {
        string[] units = coarsest == "days" ? ["days", "hours", "minutes", "seconds"] : ["minutes", "seconds"];
        return units.First(unit => ToTimeSpan(FromTimeSpan(value, unit), unit) == value || unit == "seconds");
    }
}
