using System.CommandLine;
using System.Text.Json;
using Godwit.Cli.CommandLine;

namespace Godwit.Cli.Migration.ApplicationDatabase;

/// <summary>
/// Where the application keeps its users, told to the command line since it has none of the
/// application's code: the database, the table, and which column holds what. Read from options
/// (<c>--users-table</c> …), or from a JSON file (<c>--app-config</c>) whose keys are the same names;
/// options given on the command line win. The connection string may come from <c>GODWIT_APP_CONNECTION</c>,
/// which keeps a password out of the process list.
/// </summary>
internal sealed record ApplicationTable(
    string Provider,
    string ConnectionString,
    string? Schema,
    string Table,
    string IdColumn,
    string GodwitIdColumn,
    string? EmailColumn,
    string? PhoneColumn,
    string? FirstNameColumn,
    string? LastNameColumn,
    string? NameColumn)
{
    public const string ConnectionVariable = "GODWIT_APP_CONNECTION";

    public static readonly string[] OptionNames =
    [
        "app-config", "app-database", "app-connection", "schema", "users-table", "id-column", "godwit-id-column",
        "email-column", "phone-column", "first-name-column", "last-name-column", "name-column",
    ];

    public const string Usage = """
        The application's database (or the same keys in a JSON file given as --app-config <file>):
          --app-database sqlite|postgres
          --app-connection <connection string>   (or the environment variable GODWIT_APP_CONNECTION)
          --users-table <name> [--schema <name>]  the application's users table
          --id-column <name>                      its primary key: integer, uuid or text
          --godwit-id-column <name>               the column holding the Godwit user id
          --email-column, --phone-column, --first-name-column, --last-name-column, --name-column <name>
                                                  optional; what a Godwit user is created with (phone numbers
                                                  in E.164, +15555550123)
        """;

    /// <summary>Declares the options above on <paramref name="command"/>.</summary>
    public static void AddOptions(Command command)
    {
        (string Name, string Description)[] options =
        [
            ("app-config", "A JSON file with these options' values, keyed by their names."),
            ("app-database", "sqlite or postgres."),
            ("app-connection", $"The application database's connection string (or {ConnectionVariable})."),
            ("schema", "The users table's schema."),
            ("users-table", "The application's users table."),
            ("id-column", "Its primary key: integer, uuid or text."),
            ("godwit-id-column", "The column holding the Godwit user id."),
            ("email-column", "The users' email addresses."),
            ("phone-column", "The users' phone numbers, in E.164."),
            ("first-name-column", "The users' first names."),
            ("last-name-column", "The users' last names."),
            ("name-column", "The users' full names."),
        ];
        foreach (var (name, description) in options)
        {
            command.Options.Add(CommandOptions.Value(name, description));
        }
    }

    /// <summary>Whether the connection string came from <see cref="ConnectionVariable"/>: a setting to fix rather than a mistake on the command line.</summary>
    public bool ConnectionFromEnvironment { get; init; }

    public bool IsPostgres => Provider == "postgres";

    public static ApplicationTable From(CommandArguments args)
    {
        var file = args.Value("app-config") is { } path ? ReadConfig(path) : new Dictionary<string, string>();
        string? Get(string name) => args.Value(name) ?? file.GetValueOrDefault(name);
        string Required(string name, string what) =>
            Get(name) ?? throw new UsageException($"--{name} is required: {what}.");

        var provider = Get("app-database") switch
        {
            "sqlite" => "sqlite",
            "postgres" or "postgresql" => "postgres",
            null => throw new UsageException("--app-database is required: sqlite or postgres."),
            var other => throw new UsageException($"--app-database must be sqlite or postgres, not '{other}'."),
        };
        var given = Get("app-connection");
        var connection = given ?? Environment.GetEnvironmentVariable(ConnectionVariable)
            ?? throw new UsageException($"--app-connection (or {ConnectionVariable}) is required: the application database's connection string.");
        return new ApplicationTable(
            provider,
            connection,
            Get("schema"),
            Required("users-table", "the table holding the application's users"),
            Required("id-column", "the users table's primary key"),
            Required("godwit-id-column", "the column holding the Godwit user id"),
            Get("email-column"),
            Get("phone-column"),
            Get("first-name-column"),
            Get("last-name-column"),
            Get("name-column"))
        {
            ConnectionFromEnvironment = given is null,
        };
    }

    /// <summary>Every column the commands read, with the option that named it.</summary>
    public IEnumerable<(string Option, string Column)> Columns()
    {
        (string, string?)[] all =
        [
            ("id-column", IdColumn), ("godwit-id-column", GodwitIdColumn), ("email-column", EmailColumn), ("phone-column", PhoneColumn),
            ("first-name-column", FirstNameColumn), ("last-name-column", LastNameColumn), ("name-column", NameColumn),
        ];
        return all.Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!));
    }

    private static Dictionary<string, string> ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--app-config: no such file: {path}");
        }

        Dictionary<string, string>? values;
        try
        {
            values = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            throw new UsageException($"--app-config {path}: not a JSON object of text values ({exception.Message}).");
        }

        foreach (var key in (values ?? []).Keys.Where(k => k == "app-config" || !OptionNames.Contains(k)))
        {
            throw new UsageException($"--app-config {path}: unknown key \"{key}\"; the keys are {string.Join(", ", OptionNames.Skip(1))}.");
        }

        return values ?? [];
    }
}
