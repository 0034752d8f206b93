package io.ficus.services.notifications.notification;

import java.util.List;

/** One page of notifications. */
record NotificationPage(List<Notification> items, int page, int size, long total) {
}
