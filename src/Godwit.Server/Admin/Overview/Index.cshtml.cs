using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.Overview;

internal sealed class OverviewModel : PageModel
{
}
