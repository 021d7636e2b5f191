using Godwit.Core.OneTimeSecrets;
using Godwit.Server.Hosting;

namespace Godwit.Server.Security;

internal static class BudgetServiceCollectionExtensions
{
    /// <summary>Registers the hourly send limits and the background pruning of spent budgets.</summary>
    public static IServiceCollection AddGodwitBudgets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SendLimitOptions>(configuration.GetSection(SendLimitOptions.SectionName), options => options.Problem());
        services.AddHostedService<BudgetPruner>();
        return services;
    }
}
