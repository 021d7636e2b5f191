using Godwit.Core.Users;

namespace Godwit.Storage.Tests.Support;

/// <summary>Writes users through the user store, as the API does, for the suites of other stores.</summary>
internal static class StoredUsers
{
    public static async Task<User> AddAsync(this StoreDatabase database, User user)
    {
        var error = await database.UseAsync<IUserStore, Core.Errors.ApiError?>(store =>
        {
            store.Add(user);
            return store.SaveAsync(TestContext.Current.CancellationToken);
        });
        Assert.Null(error);
        return user;
    }

    public static Task<User> AddUserAsync(this StoreDatabase database) => database.AddAsync(Rows.User(Rows.Email()));
}
