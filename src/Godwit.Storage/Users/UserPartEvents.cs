using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Core.OAuth;
using Godwit.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Godwit.Storage.Users;

/// <summary>
/// Records the changes to a user's addresses and provider links from what the save is about to
/// write, so that every path that changes them (a user update, a login that proves an address, an
/// exchange of the primary factor, an OAuth attach) records the same events, in the save's
/// transaction. A user created or deleted in the same save has its own event instead.
/// </summary>
internal static class UserPartEvents
{
    public static void Record(ChangeTracker tracker, EventLog events)
    {
        // Each Entries() call would scan the whole context for changes again: scan once.
        tracker.DetectChanges();
        var detects = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            RecordDetected(tracker, events);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detects;
        }
    }

    private static void RecordDetected(ChangeTracker tracker, EventLog events)
    {
        var wholeUsers = tracker.Entries<User>().Where(e => e.State is EntityState.Added or EntityState.Deleted).Select(e => e.Entity.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in tracker.Entries<UserEmail>().Where(e => !wholeUsers.Contains(e.Entity.UserId)).ToList())
        {
            var email = entry.Entity;
            RecordAddress(entry, events, email.UserId, email.Verified, EventTypes.EmailAdded, EventTypes.EmailVerified, EventTypes.EmailRemoved, new JsonObject { ["email_id"] = email.EmailId, ["email"] = email.Address });
        }

        foreach (var entry in tracker.Entries<UserPhone>().Where(e => !wholeUsers.Contains(e.Entity.UserId)).ToList())
        {
            var phone = entry.Entity;
            RecordAddress(entry, events, phone.UserId, phone.Verified, EventTypes.PhoneAdded, EventTypes.PhoneVerified, EventTypes.PhoneRemoved, new JsonObject { ["phone_id"] = phone.PhoneId, ["phone_number"] = phone.Number });
        }

        // A new user's first link is still a link: it says which provider the account came from.
        foreach (var entry in tracker.Entries<OAuthRegistration>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList())
        {
            var registration = entry.Entity;
            if (entry.State == EntityState.Deleted && wholeUsers.Contains(registration.UserId))
            {
                continue;
            }

            events.Record(entry.State == EntityState.Added ? EventTypes.OAuthLinked : EventTypes.OAuthUnlinked, registration.UserId, new JsonObject
            {
                ["oauth_user_registration_id"] = registration.OAuthRegistrationId,
                ["provider"] = registration.ProviderType,
                ["provider_subject"] = registration.ProviderSubject,
            });
        }
    }

    private static void RecordAddress(EntityEntry entry, EventLog events, string userId, bool verified, string added, string verifiedType, string removed, JsonObject payload)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                events.Record(added, userId, payload.DeepClone().AsObject());
                if (verified)
                {
                    events.Record(verifiedType, userId, payload);
                }

                break;
            case EntityState.Deleted:
                events.Record(removed, userId, payload);
                break;
            case EntityState.Modified when verified && entry.Property(nameof(UserEmail.Verified)).OriginalValue is false:
                events.Record(verifiedType, userId, payload);
                break;
        }
    }
}
