package io.ficus.services.notifications.notification;

import java.util.List;

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
 * The notifications HTTP API, the same contract as the monolith's: what a customer was told. A customer sees only
 * their own notifications: asking for someone else's answers an empty page, exactly what asking for an address
 * that never ordered answers, so nothing tells whether that customer exists (ADR 0014). Staff see anyone's.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private static final String STAFF = "ROLE_staff";

    private final NotificationStore notifications;

    NotificationController(NotificationStore notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    NotificationPage byCustomer(@RequestParam @NotBlank @Size(max = 254) String customer,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, JwtAuthenticationToken caller) {
        String who = customer.strip().toLowerCase();
        if (!isStaff(caller) && !who.equals(login(caller))) {
            return new NotificationPage(List.of(), page, size, 0);
        }
        return new NotificationPage(notifications.findByCustomer(who, page, size), page, size,
                notifications.countByCustomer(who));
    }

    private static boolean isStaff(JwtAuthenticationToken caller) {
        return caller.getAuthorities().stream().anyMatch(authority -> STAFF.equals(authority.getAuthority()));
    }

    /** The caller's login: the {@code email} claim (Keycloak's subject is an id), else the subject (the shop's). */
    private static String login(JwtAuthenticationToken caller) {
        String email = caller.getToken().getClaimAsString("email");
        String login = email != null ? email : caller.getToken().getSubject();
        return login == null ? "" : login.strip().toLowerCase();
    }

    /** Every notification in key order, page by page: what the reconciliation compares with the monolith. */
    @GetMapping("/export")
    ExportPage export(@RequestParam(required = false) @Size(max = 100) String after,
            @RequestParam(defaultValue = "500") @Min(1) @Max(1000) int limit) {
        List<ExportItem> items = notifications.exportAfter(after, limit);
        String next = items.size() < limit ? null : items.get(items.size() - 1).key();
        return new ExportPage(items, next);
    }
}
