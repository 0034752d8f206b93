package io.ficus.shop.notifications.internal;

import java.util.List;

import io.ficus.platform.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notifications HTTP API: what a customer was told. A customer sees only their own: asking for someone else's
 * answers an empty page, what an address that never ordered gets, as notifications-service answers (ADR 0014). Staff
 * see anyone's.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationRepository notifications;

    NotificationController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    NotificationPage listNotifications(@RequestParam @NotBlank @Size(max = 254) String customer,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, JwtAuthenticationToken token) {
        String who = customer.strip().toLowerCase();
        Caller caller = Caller.of(token);
        if (!caller.hasRole("staff") && !caller.is(who)) {
            return new NotificationPage(List.of(), page, size, 0);
        }
        return new NotificationPage(notifications.findByCustomer(who, page, size), page, size,
                notifications.countByCustomer(who));
    }

    /** Every notification in key order, page by page: what the reconciliation compares with notifications-service. */
    @GetMapping("/export")
    ExportPage exportNotifications(@RequestParam(required = false) @Size(max = 100) String after,
            @RequestParam(defaultValue = "500") @Min(1) @Max(1000) int limit) {
        List<ExportItem> items = notifications.exportAfter(after, limit);
        String next = items.size() < limit ? null : items.get(items.size() - 1).key();
        return new ExportPage(items, next);
    }
}
