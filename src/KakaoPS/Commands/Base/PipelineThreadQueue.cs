using System;
using System.Collections.Generic;
using System.Threading;

namespace KakaoPS.Commands.Base
{
    /// <summary>
    /// Work handed to the pipeline thread while the core runs elsewhere. The pipeline thread sleeps
    /// until there is work or the core is done, without spinning first as BlockingCollection does:
    /// on a machine with few cores a spinning waiter takes the core the HTTP response needs.
    /// </summary>
    internal sealed class PipelineThreadQueue
    {
        private readonly Queue<Action> _actions = new Queue<Action>();
        private bool _completed;

        /// <summary>False when the queue was completed: the action is dropped.</summary>
        public bool TryAdd(Action action)
        {
            lock (_actions)
            {
                if (_completed)
                {
                    return false;
                }

                _actions.Enqueue(action);
                Monitor.Pulse(_actions);
                return true;
            }
        }

        public bool IsCompleted
        {
            get
            {
                lock (_actions)
                {
                    return _completed;
                }
            }
        }

        public void Complete()
        {
            lock (_actions)
            {
                _completed = true;
                Monitor.Pulse(_actions);
            }
        }

        /// <summary>
        /// Waits for the next action, in order; false once the queue is completed and empty. A method
        /// rather than an iterator: one class fewer for the JIT on a command's first run.
        /// </summary>
        public bool TryTakeNext(out Action? action)
        {
            lock (_actions)
            {
                while (_actions.Count == 0 && !_completed)
                {
                    Monitor.Wait(_actions);
                }

                action = _actions.Count == 0 ? null : _actions.Dequeue();
                return action != null;
            }
        }
    }
}
