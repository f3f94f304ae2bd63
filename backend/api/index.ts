// The backend side of the contract. Electron's main and the HTTP bridge both do:
//   const dispatcher = createDispatcher({ db, clock, sync?, printing?, secrets? });
//   const result = await dispatcher.call(name, arg, { id: sessionId });  // {ok:true,value}|{ok:false,error}
export { createDispatcher, type Dispatcher, type DispatcherOptions, type SessionRef } from './dispatcher.js';
export { allHandlers, mergeHandlers, type Handlers } from './registry.js';
export type { HandlerDeps, HandlerContext, HandlerMap, Handler, SyncPort, PrintingPort, SecretsPort, SetupPort } from './context.js';
