// Stable names for the generated wire types. Import wire shapes from here, never
// from ./generated (its paths follow proto packages and may move).
//
// Convention, for every message and enum:
//   Wire<Name>       what grpc-js hands you (decoded: defaults filled, enums as
//                    name strings, int64 as number, bytes as Buffer, oneof
//                    discriminant property set) — the "__Output" type;
//   Wire<Name>Input  what you may pass in (everything optional, enums as name or number).
// Names that exist in several entity packages (Filters, FiltersAnd, FilterField,
// FilterStatus, TaskOption*Field) carry the entity: WireTaskFilters, WireResultFilterField,
// WireSessionTaskOptionField (the tasks copies are WireTaskOption*). Nested messages
// join parent and child (WireListTasksRequestSort, WireTaskDetailedOutput), except
// the event payloads, which are WireEvent<Kind> (WireEventNewTask, ...).
// Service Client / Handlers / Definition interfaces keep their generated names.
//
// Type-only on purpose: nothing at runtime depends on generated code.

// ---- armonik.api.grpc.v1 ----
export type { Empty as WireEmptyInput, Empty__Output as WireEmpty } from './generated/armonik/api/grpc/v1/Empty';
export type {
  FilterArray as WireFilterArrayInput,
  FilterArray__Output as WireFilterArray,
} from './generated/armonik/api/grpc/v1/FilterArray';
export type {
  FilterArrayOperator as WireFilterArrayOperatorInput,
  FilterArrayOperator__Output as WireFilterArrayOperator,
} from './generated/armonik/api/grpc/v1/FilterArrayOperator';
export type {
  FilterBoolean as WireFilterBooleanInput,
  FilterBoolean__Output as WireFilterBoolean,
} from './generated/armonik/api/grpc/v1/FilterBoolean';
export type {
  FilterBooleanOperator as WireFilterBooleanOperatorInput,
  FilterBooleanOperator__Output as WireFilterBooleanOperator,
} from './generated/armonik/api/grpc/v1/FilterBooleanOperator';
export type {
  FilterDate as WireFilterDateInput,
  FilterDate__Output as WireFilterDate,
} from './generated/armonik/api/grpc/v1/FilterDate';
export type {
  FilterDateOperator as WireFilterDateOperatorInput,
  FilterDateOperator__Output as WireFilterDateOperator,
} from './generated/armonik/api/grpc/v1/FilterDateOperator';
export type {
  FilterDuration as WireFilterDurationInput,
  FilterDuration__Output as WireFilterDuration,
} from './generated/armonik/api/grpc/v1/FilterDuration';
export type {
  FilterDurationOperator as WireFilterDurationOperatorInput,
  FilterDurationOperator__Output as WireFilterDurationOperator,
} from './generated/armonik/api/grpc/v1/FilterDurationOperator';
export type {
  FilterNumber as WireFilterNumberInput,
  FilterNumber__Output as WireFilterNumber,
} from './generated/armonik/api/grpc/v1/FilterNumber';
export type {
  FilterNumberOperator as WireFilterNumberOperatorInput,
  FilterNumberOperator__Output as WireFilterNumberOperator,
} from './generated/armonik/api/grpc/v1/FilterNumberOperator';
export type {
  FilterStatusOperator as WireFilterStatusOperatorInput,
  FilterStatusOperator__Output as WireFilterStatusOperator,
} from './generated/armonik/api/grpc/v1/FilterStatusOperator';
export type {
  FilterString as WireFilterStringInput,
  FilterString__Output as WireFilterString,
} from './generated/armonik/api/grpc/v1/FilterString';
export type {
  FilterStringOperator as WireFilterStringOperatorInput,
  FilterStringOperator__Output as WireFilterStringOperator,
} from './generated/armonik/api/grpc/v1/FilterStringOperator';
export type {
  StatusCount as WireStatusCountInput,
  StatusCount__Output as WireStatusCount,
} from './generated/armonik/api/grpc/v1/StatusCount';
export type {
  TaskOptions as WireTaskOptionsInput,
  TaskOptions__Output as WireTaskOptions,
} from './generated/armonik/api/grpc/v1/TaskOptions';

// ---- armonik.api.grpc.v1.task_status ----
export type {
  TaskStatus as WireTaskStatusInput,
  TaskStatus__Output as WireTaskStatus,
} from './generated/armonik/api/grpc/v1/task_status/TaskStatus';

// ---- armonik.api.grpc.v1.session_status ----
export type {
  SessionStatus as WireSessionStatusInput,
  SessionStatus__Output as WireSessionStatus,
} from './generated/armonik/api/grpc/v1/session_status/SessionStatus';

// ---- armonik.api.grpc.v1.result_status ----
export type {
  ResultStatus as WireResultStatusInput,
  ResultStatus__Output as WireResultStatus,
} from './generated/armonik/api/grpc/v1/result_status/ResultStatus';

// ---- armonik.api.grpc.v1.sort_direction ----
export type {
  SortDirection as WireSortDirectionInput,
  SortDirection__Output as WireSortDirection,
} from './generated/armonik/api/grpc/v1/sort_direction/SortDirection';

// ---- armonik.api.grpc.v1.sessions ----
export type {
  CancelSessionRequest as WireCancelSessionRequestInput,
  CancelSessionRequest__Output as WireCancelSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/CancelSessionRequest';
export type {
  CancelSessionResponse as WireCancelSessionResponseInput,
  CancelSessionResponse__Output as WireCancelSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/CancelSessionResponse';
export type {
  CloseSessionRequest as WireCloseSessionRequestInput,
  CloseSessionRequest__Output as WireCloseSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/CloseSessionRequest';
export type {
  CloseSessionResponse as WireCloseSessionResponseInput,
  CloseSessionResponse__Output as WireCloseSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/CloseSessionResponse';
export type {
  CreateSessionReply as WireCreateSessionReplyInput,
  CreateSessionReply__Output as WireCreateSessionReply,
} from './generated/armonik/api/grpc/v1/sessions/CreateSessionReply';
export type {
  CreateSessionRequest as WireCreateSessionRequestInput,
  CreateSessionRequest__Output as WireCreateSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/CreateSessionRequest';
export type {
  DeleteSessionRequest as WireDeleteSessionRequestInput,
  DeleteSessionRequest__Output as WireDeleteSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/DeleteSessionRequest';
export type {
  DeleteSessionResponse as WireDeleteSessionResponseInput,
  DeleteSessionResponse__Output as WireDeleteSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/DeleteSessionResponse';
export type {
  FilterField as WireSessionFilterFieldInput,
  FilterField__Output as WireSessionFilterField,
} from './generated/armonik/api/grpc/v1/sessions/FilterField';
export type {
  FilterStatus as WireSessionFilterStatusInput,
  FilterStatus__Output as WireSessionFilterStatus,
} from './generated/armonik/api/grpc/v1/sessions/FilterStatus';
export type {
  Filters as WireSessionFiltersInput,
  Filters__Output as WireSessionFilters,
} from './generated/armonik/api/grpc/v1/sessions/Filters';
export type {
  FiltersAnd as WireSessionFiltersAndInput,
  FiltersAnd__Output as WireSessionFiltersAnd,
} from './generated/armonik/api/grpc/v1/sessions/FiltersAnd';
export type {
  GetSessionRequest as WireGetSessionRequestInput,
  GetSessionRequest__Output as WireGetSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/GetSessionRequest';
export type {
  GetSessionResponse as WireGetSessionResponseInput,
  GetSessionResponse__Output as WireGetSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/GetSessionResponse';
export type {
  _armonik_api_grpc_v1_sessions_ListSessionsRequest_Sort as WireListSessionsRequestSortInput,
  _armonik_api_grpc_v1_sessions_ListSessionsRequest_Sort__Output as WireListSessionsRequestSort,
  ListSessionsRequest as WireListSessionsRequestInput,
  ListSessionsRequest__Output as WireListSessionsRequest,
} from './generated/armonik/api/grpc/v1/sessions/ListSessionsRequest';
export type {
  ListSessionsResponse as WireListSessionsResponseInput,
  ListSessionsResponse__Output as WireListSessionsResponse,
} from './generated/armonik/api/grpc/v1/sessions/ListSessionsResponse';
export type {
  PauseSessionRequest as WirePauseSessionRequestInput,
  PauseSessionRequest__Output as WirePauseSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/PauseSessionRequest';
export type {
  PauseSessionResponse as WirePauseSessionResponseInput,
  PauseSessionResponse__Output as WirePauseSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/PauseSessionResponse';
export type {
  PurgeSessionRequest as WirePurgeSessionRequestInput,
  PurgeSessionRequest__Output as WirePurgeSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/PurgeSessionRequest';
export type {
  PurgeSessionResponse as WirePurgeSessionResponseInput,
  PurgeSessionResponse__Output as WirePurgeSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/PurgeSessionResponse';
export type {
  ResumeSessionRequest as WireResumeSessionRequestInput,
  ResumeSessionRequest__Output as WireResumeSessionRequest,
} from './generated/armonik/api/grpc/v1/sessions/ResumeSessionRequest';
export type {
  ResumeSessionResponse as WireResumeSessionResponseInput,
  ResumeSessionResponse__Output as WireResumeSessionResponse,
} from './generated/armonik/api/grpc/v1/sessions/ResumeSessionResponse';
export type {
  SessionField as WireSessionFieldInput,
  SessionField__Output as WireSessionField,
} from './generated/armonik/api/grpc/v1/sessions/SessionField';
export type {
  SessionRaw as WireSessionRawInput,
  SessionRaw__Output as WireSessionRaw,
} from './generated/armonik/api/grpc/v1/sessions/SessionRaw';
export type {
  SessionRawEnumField as WireSessionRawEnumFieldInput,
  SessionRawEnumField__Output as WireSessionRawEnumField,
} from './generated/armonik/api/grpc/v1/sessions/SessionRawEnumField';
export type {
  SessionRawField as WireSessionRawFieldInput,
  SessionRawField__Output as WireSessionRawField,
} from './generated/armonik/api/grpc/v1/sessions/SessionRawField';
export type {
  SessionsClient,
  SessionsHandlers,
  SessionsDefinition,
} from './generated/armonik/api/grpc/v1/sessions/Sessions';
export type {
  StopSubmissionRequest as WireStopSubmissionRequestInput,
  StopSubmissionRequest__Output as WireStopSubmissionRequest,
} from './generated/armonik/api/grpc/v1/sessions/StopSubmissionRequest';
export type {
  StopSubmissionResponse as WireStopSubmissionResponseInput,
  StopSubmissionResponse__Output as WireStopSubmissionResponse,
} from './generated/armonik/api/grpc/v1/sessions/StopSubmissionResponse';
export type {
  TaskOptionEnumField as WireSessionTaskOptionEnumFieldInput,
  TaskOptionEnumField__Output as WireSessionTaskOptionEnumField,
} from './generated/armonik/api/grpc/v1/sessions/TaskOptionEnumField';
export type {
  TaskOptionField as WireSessionTaskOptionFieldInput,
  TaskOptionField__Output as WireSessionTaskOptionField,
} from './generated/armonik/api/grpc/v1/sessions/TaskOptionField';
export type {
  TaskOptionGenericField as WireSessionTaskOptionGenericFieldInput,
  TaskOptionGenericField__Output as WireSessionTaskOptionGenericField,
} from './generated/armonik/api/grpc/v1/sessions/TaskOptionGenericField';

// ---- armonik.api.grpc.v1.tasks ----
export type {
  CancelTasksRequest as WireCancelTasksRequestInput,
  CancelTasksRequest__Output as WireCancelTasksRequest,
} from './generated/armonik/api/grpc/v1/tasks/CancelTasksRequest';
export type {
  CancelTasksResponse as WireCancelTasksResponseInput,
  CancelTasksResponse__Output as WireCancelTasksResponse,
} from './generated/armonik/api/grpc/v1/tasks/CancelTasksResponse';
export type {
  CountTasksByStatusRequest as WireCountTasksByStatusRequestInput,
  CountTasksByStatusRequest__Output as WireCountTasksByStatusRequest,
} from './generated/armonik/api/grpc/v1/tasks/CountTasksByStatusRequest';
export type {
  CountTasksByStatusResponse as WireCountTasksByStatusResponseInput,
  CountTasksByStatusResponse__Output as WireCountTasksByStatusResponse,
} from './generated/armonik/api/grpc/v1/tasks/CountTasksByStatusResponse';
export type {
  FilterField as WireTaskFilterFieldInput,
  FilterField__Output as WireTaskFilterField,
} from './generated/armonik/api/grpc/v1/tasks/FilterField';
export type {
  FilterStatus as WireTaskFilterStatusInput,
  FilterStatus__Output as WireTaskFilterStatus,
} from './generated/armonik/api/grpc/v1/tasks/FilterStatus';
export type {
  Filters as WireTaskFiltersInput,
  Filters__Output as WireTaskFilters,
} from './generated/armonik/api/grpc/v1/tasks/Filters';
export type {
  FiltersAnd as WireTaskFiltersAndInput,
  FiltersAnd__Output as WireTaskFiltersAnd,
} from './generated/armonik/api/grpc/v1/tasks/FiltersAnd';
export type {
  GetResultIdsRequest as WireGetResultIdsRequestInput,
  GetResultIdsRequest__Output as WireGetResultIdsRequest,
} from './generated/armonik/api/grpc/v1/tasks/GetResultIdsRequest';
export type {
  _armonik_api_grpc_v1_tasks_GetResultIdsResponse_MapTaskResult as WireGetResultIdsResponseMapTaskResultInput,
  _armonik_api_grpc_v1_tasks_GetResultIdsResponse_MapTaskResult__Output as WireGetResultIdsResponseMapTaskResult,
  GetResultIdsResponse as WireGetResultIdsResponseInput,
  GetResultIdsResponse__Output as WireGetResultIdsResponse,
} from './generated/armonik/api/grpc/v1/tasks/GetResultIdsResponse';
export type {
  GetTaskRequest as WireGetTaskRequestInput,
  GetTaskRequest__Output as WireGetTaskRequest,
} from './generated/armonik/api/grpc/v1/tasks/GetTaskRequest';
export type {
  GetTaskResponse as WireGetTaskResponseInput,
  GetTaskResponse__Output as WireGetTaskResponse,
} from './generated/armonik/api/grpc/v1/tasks/GetTaskResponse';
export type {
  ListTasksDetailedResponse as WireListTasksDetailedResponseInput,
  ListTasksDetailedResponse__Output as WireListTasksDetailedResponse,
} from './generated/armonik/api/grpc/v1/tasks/ListTasksDetailedResponse';
export type {
  _armonik_api_grpc_v1_tasks_ListTasksRequest_Sort as WireListTasksRequestSortInput,
  _armonik_api_grpc_v1_tasks_ListTasksRequest_Sort__Output as WireListTasksRequestSort,
  ListTasksRequest as WireListTasksRequestInput,
  ListTasksRequest__Output as WireListTasksRequest,
} from './generated/armonik/api/grpc/v1/tasks/ListTasksRequest';
export type {
  ListTasksResponse as WireListTasksResponseInput,
  ListTasksResponse__Output as WireListTasksResponse,
} from './generated/armonik/api/grpc/v1/tasks/ListTasksResponse';
export type {
  _armonik_api_grpc_v1_tasks_SubmitTasksRequest_TaskCreation as WireSubmitTasksRequestTaskCreationInput,
  _armonik_api_grpc_v1_tasks_SubmitTasksRequest_TaskCreation__Output as WireSubmitTasksRequestTaskCreation,
  SubmitTasksRequest as WireSubmitTasksRequestInput,
  SubmitTasksRequest__Output as WireSubmitTasksRequest,
} from './generated/armonik/api/grpc/v1/tasks/SubmitTasksRequest';
export type {
  _armonik_api_grpc_v1_tasks_SubmitTasksResponse_TaskInfo as WireSubmitTasksResponseTaskInfoInput,
  _armonik_api_grpc_v1_tasks_SubmitTasksResponse_TaskInfo__Output as WireSubmitTasksResponseTaskInfo,
  SubmitTasksResponse as WireSubmitTasksResponseInput,
  SubmitTasksResponse__Output as WireSubmitTasksResponse,
} from './generated/armonik/api/grpc/v1/tasks/SubmitTasksResponse';
export type {
  _armonik_api_grpc_v1_tasks_TaskDetailed_Output as WireTaskDetailedOutputInput,
  _armonik_api_grpc_v1_tasks_TaskDetailed_Output__Output as WireTaskDetailedOutput,
  TaskDetailed as WireTaskDetailedInput,
  TaskDetailed__Output as WireTaskDetailed,
} from './generated/armonik/api/grpc/v1/tasks/TaskDetailed';
export type {
  TaskField as WireTaskFieldInput,
  TaskField__Output as WireTaskField,
} from './generated/armonik/api/grpc/v1/tasks/TaskField';
export type {
  TaskOptionEnumField as WireTaskOptionEnumFieldInput,
  TaskOptionEnumField__Output as WireTaskOptionEnumField,
} from './generated/armonik/api/grpc/v1/tasks/TaskOptionEnumField';
export type {
  TaskOptionField as WireTaskOptionFieldInput,
  TaskOptionField__Output as WireTaskOptionField,
} from './generated/armonik/api/grpc/v1/tasks/TaskOptionField';
export type {
  TaskOptionGenericField as WireTaskOptionGenericFieldInput,
  TaskOptionGenericField__Output as WireTaskOptionGenericField,
} from './generated/armonik/api/grpc/v1/tasks/TaskOptionGenericField';
export type {
  TaskSummary as WireTaskSummaryInput,
  TaskSummary__Output as WireTaskSummary,
} from './generated/armonik/api/grpc/v1/tasks/TaskSummary';
export type {
  TaskSummaryEnumField as WireTaskSummaryEnumFieldInput,
  TaskSummaryEnumField__Output as WireTaskSummaryEnumField,
} from './generated/armonik/api/grpc/v1/tasks/TaskSummaryEnumField';
export type {
  TaskSummaryField as WireTaskSummaryFieldInput,
  TaskSummaryField__Output as WireTaskSummaryField,
} from './generated/armonik/api/grpc/v1/tasks/TaskSummaryField';
export type { TasksClient, TasksHandlers, TasksDefinition } from './generated/armonik/api/grpc/v1/tasks/Tasks';

// ---- armonik.api.grpc.v1.results ----
export type {
  _armonik_api_grpc_v1_results_CreateResultsMetaDataRequest_ResultCreate as WireCreateResultsMetaDataRequestResultCreateInput,
  _armonik_api_grpc_v1_results_CreateResultsMetaDataRequest_ResultCreate__Output as WireCreateResultsMetaDataRequestResultCreate,
  CreateResultsMetaDataRequest as WireCreateResultsMetaDataRequestInput,
  CreateResultsMetaDataRequest__Output as WireCreateResultsMetaDataRequest,
} from './generated/armonik/api/grpc/v1/results/CreateResultsMetaDataRequest';
export type {
  CreateResultsMetaDataResponse as WireCreateResultsMetaDataResponseInput,
  CreateResultsMetaDataResponse__Output as WireCreateResultsMetaDataResponse,
} from './generated/armonik/api/grpc/v1/results/CreateResultsMetaDataResponse';
export type {
  _armonik_api_grpc_v1_results_CreateResultsRequest_ResultCreate as WireCreateResultsRequestResultCreateInput,
  _armonik_api_grpc_v1_results_CreateResultsRequest_ResultCreate__Output as WireCreateResultsRequestResultCreate,
  CreateResultsRequest as WireCreateResultsRequestInput,
  CreateResultsRequest__Output as WireCreateResultsRequest,
} from './generated/armonik/api/grpc/v1/results/CreateResultsRequest';
export type {
  CreateResultsResponse as WireCreateResultsResponseInput,
  CreateResultsResponse__Output as WireCreateResultsResponse,
} from './generated/armonik/api/grpc/v1/results/CreateResultsResponse';
export type {
  DeleteResultsDataRequest as WireDeleteResultsDataRequestInput,
  DeleteResultsDataRequest__Output as WireDeleteResultsDataRequest,
} from './generated/armonik/api/grpc/v1/results/DeleteResultsDataRequest';
export type {
  DeleteResultsDataResponse as WireDeleteResultsDataResponseInput,
  DeleteResultsDataResponse__Output as WireDeleteResultsDataResponse,
} from './generated/armonik/api/grpc/v1/results/DeleteResultsDataResponse';
export type {
  DownloadResultDataRequest as WireDownloadResultDataRequestInput,
  DownloadResultDataRequest__Output as WireDownloadResultDataRequest,
} from './generated/armonik/api/grpc/v1/results/DownloadResultDataRequest';
export type {
  DownloadResultDataResponse as WireDownloadResultDataResponseInput,
  DownloadResultDataResponse__Output as WireDownloadResultDataResponse,
} from './generated/armonik/api/grpc/v1/results/DownloadResultDataResponse';
export type {
  FilterField as WireResultFilterFieldInput,
  FilterField__Output as WireResultFilterField,
} from './generated/armonik/api/grpc/v1/results/FilterField';
export type {
  FilterStatus as WireResultFilterStatusInput,
  FilterStatus__Output as WireResultFilterStatus,
} from './generated/armonik/api/grpc/v1/results/FilterStatus';
export type {
  Filters as WireResultFiltersInput,
  Filters__Output as WireResultFilters,
} from './generated/armonik/api/grpc/v1/results/Filters';
export type {
  FiltersAnd as WireResultFiltersAndInput,
  FiltersAnd__Output as WireResultFiltersAnd,
} from './generated/armonik/api/grpc/v1/results/FiltersAnd';
export type {
  GetOwnerTaskIdRequest as WireGetOwnerTaskIdRequestInput,
  GetOwnerTaskIdRequest__Output as WireGetOwnerTaskIdRequest,
} from './generated/armonik/api/grpc/v1/results/GetOwnerTaskIdRequest';
export type {
  _armonik_api_grpc_v1_results_GetOwnerTaskIdResponse_MapResultTask as WireGetOwnerTaskIdResponseMapResultTaskInput,
  _armonik_api_grpc_v1_results_GetOwnerTaskIdResponse_MapResultTask__Output as WireGetOwnerTaskIdResponseMapResultTask,
  GetOwnerTaskIdResponse as WireGetOwnerTaskIdResponseInput,
  GetOwnerTaskIdResponse__Output as WireGetOwnerTaskIdResponse,
} from './generated/armonik/api/grpc/v1/results/GetOwnerTaskIdResponse';
export type {
  GetResultRequest as WireGetResultRequestInput,
  GetResultRequest__Output as WireGetResultRequest,
} from './generated/armonik/api/grpc/v1/results/GetResultRequest';
export type {
  GetResultResponse as WireGetResultResponseInput,
  GetResultResponse__Output as WireGetResultResponse,
} from './generated/armonik/api/grpc/v1/results/GetResultResponse';
export type {
  _armonik_api_grpc_v1_results_ImportResultsDataRequest_ResultOpaqueId as WireImportResultsDataRequestResultOpaqueIdInput,
  _armonik_api_grpc_v1_results_ImportResultsDataRequest_ResultOpaqueId__Output as WireImportResultsDataRequestResultOpaqueId,
  ImportResultsDataRequest as WireImportResultsDataRequestInput,
  ImportResultsDataRequest__Output as WireImportResultsDataRequest,
} from './generated/armonik/api/grpc/v1/results/ImportResultsDataRequest';
export type {
  ImportResultsDataResponse as WireImportResultsDataResponseInput,
  ImportResultsDataResponse__Output as WireImportResultsDataResponse,
} from './generated/armonik/api/grpc/v1/results/ImportResultsDataResponse';
export type {
  _armonik_api_grpc_v1_results_ListResultsRequest_Sort as WireListResultsRequestSortInput,
  _armonik_api_grpc_v1_results_ListResultsRequest_Sort__Output as WireListResultsRequestSort,
  ListResultsRequest as WireListResultsRequestInput,
  ListResultsRequest__Output as WireListResultsRequest,
} from './generated/armonik/api/grpc/v1/results/ListResultsRequest';
export type {
  ListResultsResponse as WireListResultsResponseInput,
  ListResultsResponse__Output as WireListResultsResponse,
} from './generated/armonik/api/grpc/v1/results/ListResultsResponse';
export type {
  ResultField as WireResultFieldInput,
  ResultField__Output as WireResultField,
} from './generated/armonik/api/grpc/v1/results/ResultField';
export type {
  ResultRaw as WireResultRawInput,
  ResultRaw__Output as WireResultRaw,
} from './generated/armonik/api/grpc/v1/results/ResultRaw';
export type {
  ResultRawEnumField as WireResultRawEnumFieldInput,
  ResultRawEnumField__Output as WireResultRawEnumField,
} from './generated/armonik/api/grpc/v1/results/ResultRawEnumField';
export type {
  ResultRawField as WireResultRawFieldInput,
  ResultRawField__Output as WireResultRawField,
} from './generated/armonik/api/grpc/v1/results/ResultRawField';
export type {
  ResultsClient,
  ResultsHandlers,
  ResultsDefinition,
} from './generated/armonik/api/grpc/v1/results/Results';
export type {
  ResultsServiceConfigurationResponse as WireResultsServiceConfigurationResponseInput,
  ResultsServiceConfigurationResponse__Output as WireResultsServiceConfigurationResponse,
} from './generated/armonik/api/grpc/v1/results/ResultsServiceConfigurationResponse';
export type {
  _armonik_api_grpc_v1_results_UploadResultDataRequest_ResultIdentifier as WireUploadResultDataRequestResultIdentifierInput,
  _armonik_api_grpc_v1_results_UploadResultDataRequest_ResultIdentifier__Output as WireUploadResultDataRequestResultIdentifier,
  UploadResultDataRequest as WireUploadResultDataRequestInput,
  UploadResultDataRequest__Output as WireUploadResultDataRequest,
} from './generated/armonik/api/grpc/v1/results/UploadResultDataRequest';
export type {
  UploadResultDataResponse as WireUploadResultDataResponseInput,
  UploadResultDataResponse__Output as WireUploadResultDataResponse,
} from './generated/armonik/api/grpc/v1/results/UploadResultDataResponse';
export type {
  WatchResultRequest as WireWatchResultRequestInput,
  WatchResultRequest__Output as WireWatchResultRequest,
} from './generated/armonik/api/grpc/v1/results/WatchResultRequest';
export type {
  WatchResultResponse as WireWatchResultResponseInput,
  WatchResultResponse__Output as WireWatchResultResponse,
} from './generated/armonik/api/grpc/v1/results/WatchResultResponse';

// ---- armonik.api.grpc.v1.events ----
export type {
  EventSubscriptionRequest as WireEventSubscriptionRequestInput,
  EventSubscriptionRequest__Output as WireEventSubscriptionRequest,
} from './generated/armonik/api/grpc/v1/events/EventSubscriptionRequest';
export type {
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_NewResult as WireEventNewResultInput,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_NewResult__Output as WireEventNewResult,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_NewTask as WireEventNewTaskInput,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_NewTask__Output as WireEventNewTask,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_ResultOwnerUpdate as WireEventResultOwnerUpdateInput,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_ResultOwnerUpdate__Output as WireEventResultOwnerUpdate,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_ResultStatusUpdate as WireEventResultStatusUpdateInput,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_ResultStatusUpdate__Output as WireEventResultStatusUpdate,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_TaskStatusUpdate as WireEventTaskStatusUpdateInput,
  _armonik_api_grpc_v1_events_EventSubscriptionResponse_TaskStatusUpdate__Output as WireEventTaskStatusUpdate,
  EventSubscriptionResponse as WireEventSubscriptionResponseInput,
  EventSubscriptionResponse__Output as WireEventSubscriptionResponse,
} from './generated/armonik/api/grpc/v1/events/EventSubscriptionResponse';
export type { EventsClient, EventsHandlers, EventsDefinition } from './generated/armonik/api/grpc/v1/events/Events';
export type {
  EventsEnum as WireEventsEnumInput,
  EventsEnum__Output as WireEventsEnum,
} from './generated/armonik/api/grpc/v1/events/EventsEnum';

// ---- armonik.api.grpc.v1.partitions ----
export type {
  FilterField as WirePartitionFilterFieldInput,
  FilterField__Output as WirePartitionFilterField,
} from './generated/armonik/api/grpc/v1/partitions/FilterField';
export type {
  Filters as WirePartitionFiltersInput,
  Filters__Output as WirePartitionFilters,
} from './generated/armonik/api/grpc/v1/partitions/Filters';
export type {
  FiltersAnd as WirePartitionFiltersAndInput,
  FiltersAnd__Output as WirePartitionFiltersAnd,
} from './generated/armonik/api/grpc/v1/partitions/FiltersAnd';
export type {
  GetPartitionRequest as WireGetPartitionRequestInput,
  GetPartitionRequest__Output as WireGetPartitionRequest,
} from './generated/armonik/api/grpc/v1/partitions/GetPartitionRequest';
export type {
  GetPartitionResponse as WireGetPartitionResponseInput,
  GetPartitionResponse__Output as WireGetPartitionResponse,
} from './generated/armonik/api/grpc/v1/partitions/GetPartitionResponse';
export type {
  _armonik_api_grpc_v1_partitions_ListPartitionsRequest_Sort as WireListPartitionsRequestSortInput,
  _armonik_api_grpc_v1_partitions_ListPartitionsRequest_Sort__Output as WireListPartitionsRequestSort,
  ListPartitionsRequest as WireListPartitionsRequestInput,
  ListPartitionsRequest__Output as WireListPartitionsRequest,
} from './generated/armonik/api/grpc/v1/partitions/ListPartitionsRequest';
export type {
  ListPartitionsResponse as WireListPartitionsResponseInput,
  ListPartitionsResponse__Output as WireListPartitionsResponse,
} from './generated/armonik/api/grpc/v1/partitions/ListPartitionsResponse';
export type {
  PartitionField as WirePartitionFieldInput,
  PartitionField__Output as WirePartitionField,
} from './generated/armonik/api/grpc/v1/partitions/PartitionField';
export type {
  PartitionRaw as WirePartitionRawInput,
  PartitionRaw__Output as WirePartitionRaw,
} from './generated/armonik/api/grpc/v1/partitions/PartitionRaw';
export type {
  PartitionRawEnumField as WirePartitionRawEnumFieldInput,
  PartitionRawEnumField__Output as WirePartitionRawEnumField,
} from './generated/armonik/api/grpc/v1/partitions/PartitionRawEnumField';
export type {
  PartitionRawField as WirePartitionRawFieldInput,
  PartitionRawField__Output as WirePartitionRawField,
} from './generated/armonik/api/grpc/v1/partitions/PartitionRawField';
export type {
  PartitionsClient,
  PartitionsHandlers,
  PartitionsDefinition,
} from './generated/armonik/api/grpc/v1/partitions/Partitions';

// ---- armonik.api.grpc.v1.applications ----
export type {
  ApplicationField as WireApplicationFieldInput,
  ApplicationField__Output as WireApplicationField,
} from './generated/armonik/api/grpc/v1/applications/ApplicationField';
export type {
  ApplicationRaw as WireApplicationRawInput,
  ApplicationRaw__Output as WireApplicationRaw,
} from './generated/armonik/api/grpc/v1/applications/ApplicationRaw';
export type {
  ApplicationRawEnumField as WireApplicationRawEnumFieldInput,
  ApplicationRawEnumField__Output as WireApplicationRawEnumField,
} from './generated/armonik/api/grpc/v1/applications/ApplicationRawEnumField';
export type {
  ApplicationRawField as WireApplicationRawFieldInput,
  ApplicationRawField__Output as WireApplicationRawField,
} from './generated/armonik/api/grpc/v1/applications/ApplicationRawField';
export type {
  ApplicationsClient,
  ApplicationsHandlers,
  ApplicationsDefinition,
} from './generated/armonik/api/grpc/v1/applications/Applications';
export type {
  FilterField as WireApplicationFilterFieldInput,
  FilterField__Output as WireApplicationFilterField,
} from './generated/armonik/api/grpc/v1/applications/FilterField';
export type {
  Filters as WireApplicationFiltersInput,
  Filters__Output as WireApplicationFilters,
} from './generated/armonik/api/grpc/v1/applications/Filters';
export type {
  FiltersAnd as WireApplicationFiltersAndInput,
  FiltersAnd__Output as WireApplicationFiltersAnd,
} from './generated/armonik/api/grpc/v1/applications/FiltersAnd';
export type {
  _armonik_api_grpc_v1_applications_ListApplicationsRequest_Sort as WireListApplicationsRequestSortInput,
  _armonik_api_grpc_v1_applications_ListApplicationsRequest_Sort__Output as WireListApplicationsRequestSort,
  ListApplicationsRequest as WireListApplicationsRequestInput,
  ListApplicationsRequest__Output as WireListApplicationsRequest,
} from './generated/armonik/api/grpc/v1/applications/ListApplicationsRequest';
export type {
  ListApplicationsResponse as WireListApplicationsResponseInput,
  ListApplicationsResponse__Output as WireListApplicationsResponse,
} from './generated/armonik/api/grpc/v1/applications/ListApplicationsResponse';

// ---- armonik.api.grpc.v1.versions ----
export type {
  ListVersionsRequest as WireListVersionsRequestInput,
  ListVersionsRequest__Output as WireListVersionsRequest,
} from './generated/armonik/api/grpc/v1/versions/ListVersionsRequest';
export type {
  ListVersionsResponse as WireListVersionsResponseInput,
  ListVersionsResponse__Output as WireListVersionsResponse,
} from './generated/armonik/api/grpc/v1/versions/ListVersionsResponse';
export type {
  VersionsClient,
  VersionsHandlers,
  VersionsDefinition,
} from './generated/armonik/api/grpc/v1/versions/Versions';

// ---- armonik.api.grpc.v1.health_checks ----
export type {
  CheckHealthRequest as WireCheckHealthRequestInput,
  CheckHealthRequest__Output as WireCheckHealthRequest,
} from './generated/armonik/api/grpc/v1/health_checks/CheckHealthRequest';
export type {
  _armonik_api_grpc_v1_health_checks_CheckHealthResponse_ServiceHealth as WireCheckHealthResponseServiceHealthInput,
  _armonik_api_grpc_v1_health_checks_CheckHealthResponse_ServiceHealth__Output as WireCheckHealthResponseServiceHealth,
  CheckHealthResponse as WireCheckHealthResponseInput,
  CheckHealthResponse__Output as WireCheckHealthResponse,
} from './generated/armonik/api/grpc/v1/health_checks/CheckHealthResponse';
export type {
  HealthChecksServiceClient,
  HealthChecksServiceHandlers,
  HealthChecksServiceDefinition,
} from './generated/armonik/api/grpc/v1/health_checks/HealthChecksService';
export type {
  HealthStatusEnum as WireHealthStatusEnumInput,
  HealthStatusEnum__Output as WireHealthStatusEnum,
} from './generated/armonik/api/grpc/v1/health_checks/HealthStatusEnum';

// ---- armonik.api.grpc.v1.auth ----
export type {
  AuthenticationClient,
  AuthenticationHandlers,
  AuthenticationDefinition,
} from './generated/armonik/api/grpc/v1/auth/Authentication';
export type {
  GetCurrentUserRequest as WireGetCurrentUserRequestInput,
  GetCurrentUserRequest__Output as WireGetCurrentUserRequest,
} from './generated/armonik/api/grpc/v1/auth/GetCurrentUserRequest';
export type {
  GetCurrentUserResponse as WireGetCurrentUserResponseInput,
  GetCurrentUserResponse__Output as WireGetCurrentUserResponse,
} from './generated/armonik/api/grpc/v1/auth/GetCurrentUserResponse';
export type { User as WireUserInput, User__Output as WireUser } from './generated/armonik/api/grpc/v1/auth/User';

// ---- google.protobuf ----
export type {
  Duration as WireDurationInput,
  Duration__Output as WireDuration,
} from './generated/google/protobuf/Duration';
export type {
  Timestamp as WireTimestampInput,
  Timestamp__Output as WireTimestamp,
} from './generated/google/protobuf/Timestamp';
