using System.IO.Compression;
using System.Reflection;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// The CLI as users install it: <c>dotnet pack</c> makes a .NET tool package, <c>dotnet tool install</c>
/// puts <c>criterion-check</c> into a tool path, and the installed command checks the catalog.
/// </summary>
public class PackagedToolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_packed_tool_installs_into_a_tool_path_and_checks_the_catalog()
    {
        var temp = Directory.CreateTempSubdirectory("criterion-check-tool-");
        try
        {
            // The test project was just built, so the CLI's output exists in the same configuration: pack
            // it without building again (the slow part), exactly as `dotnet pack` packs a fresh build.
            var packages = Path.Combine(temp.FullName, "nupkg");
            var pack = ProcessRunner.Run("dotnet",
                ["pack", Path.Combine(Repository.Root, "src", "CriterionCheck.Cli"), "--no-build", "-c", Configuration, "-o", packages, "-nologo", "-v", "q"], Limit);
            Assert.True(pack.Code == 0, $"dotnet pack failed:\n{pack.Out}\n{pack.Err}");
            var package = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package)["criterion-check.".Length..];
            AssertPackageContents(package, version);

            // Only the local package as a source, and an empty package cache: the install can neither reach a
            // registry nor pick up a stale copy of the same version cached by an earlier run.
            var config = Path.Combine(temp.FullName, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
            var tools = Path.Combine(temp.FullName, "tools");
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(temp.FullName, "cache") };
            var install = ProcessRunner.Run("dotnet",
                ["tool", "install", "criterion-check", "--tool-path", tools, "--configfile", config, "--version", version], Limit, environment, temp.FullName);
            Assert.True(install.Code == 0, $"dotnet tool install failed:\n{install.Out}\n{install.Err}");
            Assert.Contains("criterion-check", install.Out);

            var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "criterion-check.exe" : "criterion-check");
            var specs = Directory.GetFiles(Repository.ModelSpecs, "*.model", SearchOption.AllDirectories).Length;
            var check = ProcessRunner.Run(command, ["check", Repository.ModelSpecs], Limit, workingDirectory: temp.FullName);
            Assert.True(check.Code == 0, $"criterion-check check exited {check.Code}:\n{check.Err}");
            Assert.Equal("", check.Err);
            Assert.Equal($"{specs} specs checked, {specs} as expected, 0 differ", CliRunner.LastLine(check.Out));

            var versionRun = ProcessRunner.Run(command, ["--version"], Limit);
            Assert.Equal(0, versionRun.Code);
            Assert.StartsWith(version, versionRun.Out.Trim());
        }
        finally { temp.Delete(recursive: true); }
    }

    // What `dotnet tool install` and a package browser read: the command name, the README and the metadata.
    private static void AssertPackageContents(string package, string version)
    {
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using (var reader = new StreamReader(settings.Open()))
            Assert.Contains("<Command Name=\"criterion-check\" EntryPoint=\"criterion-check.dll\"", reader.ReadToEnd());
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName == "criterion-check.nuspec").Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<id>criterion-check</id>", text);
        Assert.Contains($"<version>{version}</version>", text);
        Assert.Contains("<license type=\"expression\">MIT</license>", text);
        Assert.Contains("<readme>README.md</readme>", text);
        Assert.Contains("<packageType name=\"DotnetTool\" />", text);
    }

    // The configuration this test assembly (and so the CLI it references) was built in.
    private static string Configuration =>
        typeof(PackagedToolTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
}
