using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Godwit.Core.Users.Creation;

namespace Godwit.Import;

/// <summary>
/// Turns an exported person into the user Godwit would store, by the rules every new user meets
/// (<see cref="NewUserValidation"/>), so that an import refuses exactly what the API would refuse.
/// </summary>
public sealed class ImportValidation(PasswordHashLimits limits, TimeProvider clock, ProjectKeys? totpKeys = null)
{
    private readonly NewUserValidation rules = new(limits, clock, totpKeys);

    /// <summary>The user to write, or the refusal naming the field at fault.</summary>
    public ImportRow Check(ImportUser person, out User? user)
    {
        var validated = rules.Validate(person);
        user = validated.Succeeded ? validated.Value : null;
        return validated.Error is { } error
            ? new ImportRow.Refused(person.Line, person.LegacyId, error.ErrorType, error.Message)
            : new ImportRow.Read(person);
    }
}
