namespace Godwit.Core.Impersonation;

/// <summary>Impersonation settings, bound from <c>Godwit:Impersonation</c>.</summary>
public sealed class ImpersonationOptions
{
    public const string SectionName = "Godwit:Impersonation";

    /// <summary>Off by default, as at Stytch: a project turns impersonation on deliberately.</summary>
    public bool Enabled { get; set; }
}
