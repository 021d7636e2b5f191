namespace Godwit.Server.Hosting;

/// <summary>The project's credentials and issuer once configuration has been resolved at startup.</summary>
public sealed record ResolvedProject(string ProjectId, string Secret, string Issuer);
