// What every service module of the gateway receives: the pools and a way to register shutdown work.
import type { Sql } from './db.ts';

export type GatewayContext = {
  admin: Sql;
  api: Sql;
  onClose: (fn: () => Promise<void> | void) => void;
};
