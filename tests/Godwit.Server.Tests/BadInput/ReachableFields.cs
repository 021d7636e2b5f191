using System.Text;
using System.Text.RegularExpressions;

namespace Godwit.Server.Tests.BadInput;

/// <summary>A field a route reads, and the other fields to send with it so that the route gets that far.</summary>
internal sealed record ReachedField(SweptRoute Route, SweptField Field, IReadOnlyDictionary<string, string> Base)
{
    public byte[] BodyWith(byte[] value) => Field.BodyWith(value, Base);
}

/// <summary>
/// Finds which fields of the catalogue each route reads. A handler reads its fields in order and
/// refuses at the first bad one, so first the route's required fields are filled, one at a time as
/// its errors name them, with values of the right type that the service refuses later ("x" for an
/// email, say): the whole body is then read, and nothing can be written. A field the route reads
/// changes the answer when given the wrong type; fields it ignores would test nothing, and are left out.
/// </summary>
internal static class ReachableFields
{
    private const int MaxRequiredFields = 6;

    public static async Task<IReadOnlyList<ReachedField>> FindAsync(BadInputSweep sweep, IReadOnlyList<SweptField> fields)
    {
        var bases = new Dictionary<SweptRoute, (Dictionary<string, string> Fields, SweepAnswer Answer)>();
        foreach (var route in sweep.Routes.Where(route => route.TakesFields))
        {
            bases[route] = await BaseAsync(sweep, route, fields);
        }

        // Top-level fields first; a nested one (name.first_name) only where its parent is read.
        var reached = await ProbeAsync(sweep, bases, from route in bases.Keys from field in fields where field.Path.Count == 1 select (route, field));
        var parents = reached.Select(found => (found.Route, found.Field.Name)).ToHashSet();
        var nested = await ProbeAsync(sweep, bases,
            from route in bases.Keys from field in fields where field.Path.Count > 1 && parents.Contains((route, string.Join('.', field.Path.SkipLast(1)))) select (route, field));
        return [.. reached, .. nested];
    }

    /// <summary>The fields that change the route's answer when given the wrong type, or that the route requires.</summary>
    private static async Task<List<ReachedField>> ProbeAsync(
        BadInputSweep sweep, Dictionary<SweptRoute, (Dictionary<string, string> Fields, SweepAnswer Answer)> bases, IEnumerable<(SweptRoute Route, SweptField Field)> candidates)
    {
        var probes = candidates.Select(candidate => new ReachedField(candidate.Route, candidate.Field, bases[candidate.Route].Fields)).ToList();
        var answers = await sweep.SendAsync(probes.Select(probe =>
            sweep.Request(probe.Route, $"{probe.Field.Name} = {WrongType(probe.Field.Kind)} (probe)", probe.BodyWith(Encoding.UTF8.GetBytes(WrongType(probe.Field.Kind))))));
        return probes
            .Where((probe, i) => probe.Base.ContainsKey(probe.Field.Name) || !SameAnswer(answers[i], bases[probe.Route].Answer))
            .ToList();
    }

    /// <summary>The route's required fields, each with a placeholder, and the answer that body gets.</summary>
    private static async Task<(Dictionary<string, string>, SweepAnswer)> BaseAsync(BadInputSweep sweep, SweptRoute route, IReadOnlyList<SweptField> fields)
    {
        var required = new Dictionary<string, string>();
        var answer = await sweep.SendEmptyObjectAsync(route);
        for (var round = 0; round < MaxRequiredFields && !answer.IsSuccess; round++)
        {
            var named = fields.Where(field => field.Path.Count == 1 && !required.ContainsKey(field.Name) && Names(answer, field)).ToList();
            if (named.Count == 0)
            {
                break;
            }

            foreach (var field in named)
            {
                required[field.Name] = Placeholder(field.Kind);
            }

            var body = Encoding.UTF8.GetBytes("{" + string.Join(",", required.Select(pair => $"\"{pair.Key}\":{pair.Value}")) + "}");
            answer = (await sweep.SendAsync([sweep.Request(route, "required fields filled", body)]))[0];
        }

        return (required, answer);
    }

    /// <summary>A value of the right type that no service accepts: not an email, id, token, code or key.</summary>
    private static string Placeholder(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "0",
        FieldKind.Boolean => "false",
        FieldKind.Object => "{}",
        // An element that is not an object: Bulk Import fails that row alone, and writes nothing.
        FieldKind.Array => "[42]",
        _ => "\"x\"",
    };

    /// <summary>A value of another JSON type than the field takes, which a field the route reads must refuse.</summary>
    private static string WrongType(FieldKind kind) => kind switch
    {
        FieldKind.String => "42",
        FieldKind.Integer => "\"5\"",
        FieldKind.Boolean => "\"true\"",
        _ => "true",
    };

    private static bool SameAnswer(SweepAnswer one, SweepAnswer other) =>
        one.Status == other.Status && (one.IsSuccess || (one.ErrorType, one.ErrorMessage) == (other.ErrorType, other.ErrorMessage));

    /// <summary>Whether an error names the field (<c>invalid_method_id</c>, "Email format is invalid."), as the error for a missing required field does.</summary>
    private static bool Names(SweepAnswer answer, SweptField field) =>
        Regex.IsMatch($"{answer.ErrorType} {answer.ErrorMessage}", $"(?<![A-Za-z0-9]){Regex.Escape(field.Name)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase);
}
