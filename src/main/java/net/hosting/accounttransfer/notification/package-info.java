/** Mail: composition from Thymeleaf templates in the reader's language, and sending at most once per key. */
package net.hosting.accounttransfer.notification;
