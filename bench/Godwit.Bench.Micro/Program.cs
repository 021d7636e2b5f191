using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Godwit.Bench.Micro -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
