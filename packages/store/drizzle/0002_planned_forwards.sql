CREATE TABLE `planned_forwards` (
	`run_id` text NOT NULL,
	`message_id` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`recipient_name` text NOT NULL,
	`leaver_id` text NOT NULL,
	`leaver_name` text NOT NULL,
	`leaver_email` text NOT NULL,
	`leaver_state` text NOT NULL,
	`rule` text NOT NULL,
	`message_created` text NOT NULL,
	`caller_name` text NOT NULL,
	`caller_address` text NOT NULL,
	`duration_seconds` integer,
	PRIMARY KEY(`run_id`, `message_id`, `recipient_type`, `recipient_id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `planned_forwards_order` ON `planned_forwards` (`run_id`,`message_created`,`message_id`,`recipient_type`,`recipient_id`);