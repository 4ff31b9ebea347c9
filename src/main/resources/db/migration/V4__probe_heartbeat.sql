-- Probe runs live in the memory of the process that started them: a heartbeat lets any instance tell a probe whose
-- process died (restart, kill -9, crash) from one still working, and close it as failed instead of "running" forever.
ALTER TABLE probe ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
