namespace Godwit.Server.Admin;

/// <summary>The admin console's settings, bound from <c>Godwit:Admin</c>.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Godwit:Admin";

    /// <summary>Whether <c>/admin</c> is served; unset means on in Development and off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How long an admin's sign-in lasts, from the emailed code; it is never extended.</summary>
    public int SessionMinutes { get; set; } = 60;

    /// <summary>How long an emailed sign-in code lives (Godwit's passcode limits: 1 to 10).</summary>
    public int CodeMinutes { get; set; } = 5;

    public bool IsEnabled(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        SessionMinutes is < 5 or > 720 ? $"{SectionName}:SessionMinutes must be between 5 and 720."
        : CodeMinutes is < 1 or > 10 ? $"{SectionName}:CodeMinutes must be between 1 and 10."
        : null;
}
