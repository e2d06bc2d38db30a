CREATE TABLE `forwards` (
	`message_id` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`leaver_id` text NOT NULL,
	`rule` text NOT NULL,
	`status` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`attempted_at` integer NOT NULL,
	`confirmed_at` integer,
	`run_id` text NOT NULL,
	PRIMARY KEY(`message_id`, `recipient_type`, `recipient_id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "forwards_recipient_type" CHECK("forwards"."recipient_type" in ('user', 'group')),
	CONSTRAINT "forwards_status_values" CHECK("forwards"."status" in ('pending', 'forwarded', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `forwards_status` ON `forwards` (`status`);--> statement-breakpoint
CREATE TABLE `leavers` (
	`user_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`state` text NOT NULL,
	`first_seen` integer NOT NULL,
	`last_checked` integer NOT NULL,
	`watch_until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_items` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`run_mode` text NOT NULL,
	`leaver_id` text NOT NULL,
	`leaver_name` text NOT NULL,
	`leaver_email` text NOT NULL,
	`leaver_state` text NOT NULL,
	`rule` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`recipient_name` text NOT NULL,
	`message_id` text NOT NULL,
	`message_created` text NOT NULL,
	`caller_name` text NOT NULL,
	`caller_address` text NOT NULL,
	`duration_seconds` integer,
	`outcome` text NOT NULL,
	`detail` text NOT NULL,
	`forwarded_at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "report_items_outcome" CHECK("report_items"."outcome" in ('forwarded', 'planned', 'retained', 'skipped_read', 'skipped_old',
        'no_recipient', 'failed', 'deferred'))
);
--> statement-breakpoint
CREATE INDEX `report_items_run` ON `report_items` (`run_id`,`seq`);--> statement-breakpoint
CREATE INDEX `report_items_message` ON `report_items` (`message_id`);--> statement-breakpoint
CREATE TABLE `run_lock` (
	`id` integer PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`holder` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`run_id` text,
	`acquired_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	CONSTRAINT "run_lock_single_row" CHECK("run_lock"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`scheduled_for` integer,
	`policy_sha256` text NOT NULL,
	`version` text NOT NULL,
	`leavers` integer DEFAULT 0 NOT NULL,
	`forwarded` integer DEFAULT 0 NOT NULL,
	`planned` integer DEFAULT 0 NOT NULL,
	`retained` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`no_recipient` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`deferred` integer DEFAULT 0 NOT NULL,
	`report_path` text,
	`report_sha256` text,
	`prev_report_sha256` text,
	`chain_seq` integer,
	`error` text,
	CONSTRAINT "runs_mode" CHECK("runs"."mode" in ('live', 'dry-run')),
	CONSTRAINT "runs_trigger" CHECK("runs"."trigger" in ('scheduled', 'manual')),
	CONSTRAINT "runs_status" CHECK("runs"."status" in ('running', 'succeeded', 'partial', 'failed', 'abandoned'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_chain_seq_unique` ON `runs` (`chain_seq`);--> statement-breakpoint
CREATE INDEX `runs_started_at` ON `runs` (`started_at`);