using Godwit.Import.Presets;

namespace Godwit.Import.Tests.Presets;

public sealed class ExportPresetsTests
{
    private static PresetOptions Options(params (string Key, string Value)[] settings) => new(settings.ToDictionary(s => s.Key, s => s.Value));

    [Fact]
    public void Every_preset_is_listed_and_found_by_its_exact_name()
    {
        Assert.Equal(["auth0", "firebase", "cognito", "supabase", "aspnet-identity", "stytch", "generic"], ExportPresets.Names);
        Assert.All(ExportPresets.Names, name => Assert.Equal(name, ExportPresets.Find(name)!.Create(ValidOptions(name)).Name));
        Assert.Null(ExportPresets.Find("Auth0"));
        Assert.Null(ExportPresets.Find("okta"));
    }

    [Fact]
    public void An_option_the_preset_does_not_take_is_refused_as_a_likely_typo()
    {
        var error = Assert.Throws<PresetOptionsException>(() => ExportPresets.Find("auth0")!.Create(Options(("hash", "x.jsonl"))));
        Assert.Equal("Preset 'auth0' has no option 'hash'; it takes hashes.", error.Message);

        error = Assert.Throws<PresetOptionsException>(() => ExportPresets.Find("cognito")!.Create(Options(("hashes", "x"))));
        Assert.Equal("Preset 'cognito' takes no options; 'hashes' was given.", error.Message);
    }

    [Fact]
    public void A_side_file_that_does_not_exist_is_refused_up_front()
    {
        var error = Assert.Throws<PresetOptionsException>(() => ExportPresets.Find("auth0")!.Create(Options(("hashes", "/nonexistent/hashes.jsonl"))));

        Assert.Equal("Option 'hashes': no file at '/nonexistent/hashes.jsonl'.", error.Message);
    }

    [Theory]
    [InlineData("firebase-signer-key", null, "Option 'firebase-signer-key' is required.")]
    [InlineData("firebase-signer-key", "not base64!", "Option 'firebase-signer-key' is not standard base64: 'not base64!'.")]
    [InlineData("firebase-salt-separator", "%%", "Option 'firebase-salt-separator' is not standard base64: '%%'.")]
    [InlineData("firebase-rounds", "9", "Option 'firebase-rounds' must be a whole number from 1 to 8, not '9'.")]
    [InlineData("firebase-mem-cost", "fourteen", "Option 'firebase-mem-cost' must be a whole number from 1 to 14, not 'fourteen'.")]
    [InlineData("firebase-mem-cost", null, "Option 'firebase-mem-cost' is required.")]
    public void Firebase_hash_parameters_are_checked_before_the_first_user(string option, string? value, string message)
    {
        var settings = new Dictionary<string, string>(ValidOptions("firebase").Settings);
        if (value is null)
        {
            settings.Remove(option);
        }
        else
        {
            settings[option] = value;
        }

        var error = Assert.Throws<PresetOptionsException>(() => ExportPresets.Find("firebase")!.Create(new PresetOptions(settings)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_firebase_salt_separator_defaults_to_firebase_s_own_and_unpadded_base64_is_accepted()
    {
        var settings = new Dictionary<string, string>(ValidOptions("firebase").Settings) { ["firebase-signer-key"] = "jxspr8Ki0RYycVU8" };
        settings.Remove("firebase-salt-separator");

        Assert.Equal("firebase", ExportPresets.Find("firebase")!.Create(new PresetOptions(settings)).Name);
    }

    private static PresetOptions ValidOptions(string preset) => preset switch
    {
        "firebase" => Options(("firebase-signer-key", "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA=="),
            ("firebase-salt-separator", "Bw=="), ("firebase-rounds", "8"), ("firebase-mem-cost", "14")),
        "generic" => Options(("mapping", Samples.Path("generic-mapping.json"))),
        _ => PresetOptions.None,
    };
}
