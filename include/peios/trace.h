/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tracepoint of peios_ipc: peios_access, one event per access decision
 * (live and handle checks, fs/base/hook.c).  Queue traffic has none.
 * Enable with: echo 1 > /sys/kernel/tracing/events/peios_ipc/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM peios_ipc

#if !defined(_PEIOS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _PEIOS_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(peios_access,
	TP_PROTO(const char *op, unsigned long object, u32 desired,
		 u32 granted, int result, const char *stage),
	TP_ARGS(op, object, desired, granted, result, stage),
	TP_STRUCT__entry(
		__string(op, op)
		__field(unsigned long, object)
		__field(u32, desired)
		__field(u32, granted)
		__field(int, result)
		__string(stage, stage)
	),
	TP_fast_assign(
		__assign_str(op);
		__entry->object = object;
		__entry->desired = desired;
		__entry->granted = granted;
		__entry->result = result;
		__assign_str(stage);
	),
	TP_printk("op=%s object=%lu desired=%#x granted=%#x result=%d stage=%s",
		  __get_str(op), __entry->object, __entry->desired,
		  __entry->granted, __entry->result, __get_str(stage))
);

#endif /* _PEIOS_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH peios
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
